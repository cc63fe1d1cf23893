using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

public sealed class DaemonCycleTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task Cycle_TagChangeCommitted_ReplacesOnlyThatService()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        Assert.Equal(ReconcileStatus.Converged, (await pipeline.Cycle.RunAsync(Token)).Status);
        var otherBefore = (await ContainersAsync())[$"{Project}-other-1"].ID;

        var commit = CommitWeb("v2");
        var result = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        Assert.Equal(commit, result.Revision);
        Assert.Equal(Web("v2"), await ImageOfAsync("web"));
        Assert.Equal(otherBefore, (await ContainersAsync())[$"{Project}-other-1"].ID);
        var report = pipeline.Reports.Latest!;
        Assert.Equal(ReportStatus.InSync, report.Status);
        Assert.Equal(commit, report.Revision!.Commit);
    }

    [Fact]
    public async Task Cycle_RemoteUnchanged_NoFetchAndNothingTouched()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        var before = await ContainersAsync();

        var result = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Unchanged, result.Status);
        Assert.Equal(1, pipeline.Source.FetchCount);
        Assert.Equal(before.Values.Select(c => c.ID).Order(), (await ContainersAsync()).Values.Select(c => c.ID).Order());
    }

    [Fact]
    public async Task Cycle_ContainerRemovedByHandWithoutNewCommit_SelfHeals()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        await Fixture.Engine.Containers.RemoveAsync((await ContainersAsync())[$"{Project}-web-1"].ID, force: true, Token);

        var result = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        Assert.Equal(1, pipeline.Source.FetchCount);
        Assert.Equal(Web("v1"), await ImageOfAsync("web"));
    }

    [Fact]
    public async Task Cycle_RemoteGoneThenBack_FetchFailedThenRecovers()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        var moved = Upstream.BarePath + ".away";
        Directory.Move(Upstream.BarePath, moved);

        var failed = await pipeline.Cycle.RunAsync(Token);
        var failedAgain = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.FetchFailed, failed.Status);
        Assert.Equal(ReconcileStatus.FetchFailed, failedAgain.Status);
        Assert.Equal(2, pipeline.Cycle.ConsecutiveFailures);
        Assert.NotNull(pipeline.Reports.Latest!.LastError);
        Assert.Equal(Web("v1"), await ImageOfAsync("web"));

        Directory.Move(moved, Upstream.BarePath);
        var commit = CommitWeb("v2");
        var recovered = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, recovered.Status);
        Assert.Equal(commit, recovered.Revision);
        Assert.Equal(0, pipeline.Cycle.ConsecutiveFailures);
        Assert.Equal(Web("v2"), await ImageOfAsync("web"));
        Assert.Null(pipeline.Reports.Latest!.LastError);
    }

    [Fact]
    public async Task Cycle_InvalidCommit_StalledUntilNextGoodCommit()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);

        var bad = CommitWeb("v2", "    bogus: 1\n");
        var stalled = await pipeline.Cycle.RunAsync(Token);
        var stillStalled = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.ValidationFailed, stalled.Status);
        Assert.Equal(ReconcileStatus.ValidationFailed, stillStalled.Status);
        Assert.Equal(bad, pipeline.Cycle.Stalled!.Commit);
        Assert.Equal(Web("v1"), await ImageOfAsync("web"));
        var report = pipeline.Reports.Latest!;
        Assert.Equal(ReportStatus.Stalled, report.Status);
        Assert.Contains(bad, report.Stalled!.Reason, StringComparison.Ordinal);
        Assert.Contains(report.Stalled.Diagnostics, d => d.File.EndsWith("compose.yaml", StringComparison.Ordinal) && d.Message.Contains("bogus", StringComparison.Ordinal));
        Assert.Equal(1, pipeline.State.GetHistory(50).Count(r => r.Revision == bad));

        var good = CommitWeb("v2");
        var applied = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, applied.Status);
        Assert.Equal(good, applied.Revision);
        Assert.Null(pipeline.Cycle.Stalled);
        Assert.Equal(Web("v2"), await ImageOfAsync("web"));
        Assert.Equal(ReportStatus.InSync, pipeline.Reports.Latest!.Status);
    }

    [Fact]
    public async Task Cycle_StalledCommitAfterRestart_NotRetried()
    {
        CommitWeb("v1");
        using (var first = Pipeline())
        {
            await first.Cycle.RunAsync(Token);
            CommitWeb("v2", "    bogus: 1\n");
            await first.Cycle.RunAsync(Token);
        }

        var restarted = Pipeline();
        var result = await restarted.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.ValidationFailed, result.Status);
        Assert.Equal(0, restarted.Source.FetchCount);
        Assert.Equal(Web("v1"), await ImageOfAsync("web"));
    }

    [Fact]
    public async Task Cycle_BranchForcePushed_FollowsRewrittenHistory()
    {
        var first = CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        CommitWeb("v2");
        await pipeline.Cycle.RunAsync(Token);
        Assert.Equal(Web("v2"), await ImageOfAsync("web"));

        Upstream.ResetAndForcePush(first);
        var rewritten = CommitWeb("v1", "    environment:\n      REWRITTEN: \"yes\"\n");
        var result = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        Assert.Equal(rewritten, result.Revision);
        Assert.Equal(Web("v1"), await ImageOfAsync("web"));
    }
}
