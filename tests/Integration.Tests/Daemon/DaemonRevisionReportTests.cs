using GitOps.Reconciler.Reporting.Drift;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>What the report says about revisions: converging while a deploy runs, applied and attempted commits, rewrites.</summary>
public sealed class DaemonRevisionReportTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task Cycle_DeployRunning_ReportConvergingWithAttemptedRevisionThenApplied()
    {
        var first = CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        var second = CommitWeb("v2");

        var deploying = pipeline.Cycle.RunAsync(Token);
        DriftReport? converging = null;
        await EventuallyAsync(() =>
        {
            converging = pipeline.Reports.Latest is { Status: ReportStatus.Converging } latest ? latest : null;
            return Task.FromResult(converging is not null || deploying.IsCompleted);
        }, "the report says converging");
        await deploying;

        Assert.NotNull(converging);
        Assert.Equal(second, converging!.Revision!.Commit);
        Assert.Equal(second, converging.LastAttemptedRevision!.Commit);
        Assert.Equal("web v2", converging.LastAttemptedRevision.Subject);
        Assert.Equal(first, converging.LastAppliedRevision!.Commit);
        Assert.NotNull(converging.Step);
        var done = pipeline.Reports.Latest!;
        Assert.Equal(ReportStatus.InSync, done.Status);
        Assert.Null(done.Step);
        Assert.Equal(second, done.LastAppliedRevision!.Commit);
        Assert.Equal("web v2", done.LastAppliedRevision.Subject);
        Assert.Contains("<", done.LastAppliedRevision.Author, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cycle_InvalidCommit_AttemptedDiffersFromApplied()
    {
        var good = CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        var bad = CommitWeb("v2", "    bogus: 1\n");

        await pipeline.Cycle.RunAsync(Token);

        var report = pipeline.Reports.Latest!;
        Assert.Equal(good, report.LastAppliedRevision!.Commit);
        Assert.Equal(bad, report.LastAttemptedRevision!.Commit);
    }

    [Fact]
    public async Task Cycle_RefForcePushedToNonDescendant_ReportedAsHistoryRewrite()
    {
        var first = CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        var second = CommitWeb("v2");
        await pipeline.Cycle.RunAsync(Token);
        Assert.Null(pipeline.Reports.Latest!.HistoryRewrite);

        Upstream.ResetAndForcePush(first);
        var rewritten = CommitWeb("v1", "    environment:\n      REWRITTEN: \"yes\"\n");
        await pipeline.Cycle.RunAsync(Token);

        var rewrite = pipeline.Reports.Latest!.HistoryRewrite;
        Assert.NotNull(rewrite);
        Assert.Equal(second, rewrite!.From);
        Assert.Equal(rewritten, rewrite.To);

        CommitWeb("v2");
        await pipeline.Cycle.RunAsync(Token);

        Assert.Null(pipeline.Reports.Latest!.HistoryRewrite);
    }

    [Fact]
    public async Task Cycle_RefMovedBackToAnAncestor_ReportedAsHistoryRewrite()
    {
        var first = CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        var second = CommitWeb("v2");
        await pipeline.Cycle.RunAsync(Token);

        Upstream.ResetAndForcePush(first);
        await pipeline.Cycle.RunAsync(Token);

        var rewrite = pipeline.Reports.Latest!.HistoryRewrite;
        Assert.NotNull(rewrite);
        Assert.Equal((second, first), (rewrite!.From, rewrite.To));
        Assert.Equal(Web("v1"), await ImageOfAsync("web"));
    }
}
