using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

public sealed class DaemonVerificationTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task Cycle_UnsignedCommitUnderVerification_StalledAndSignedCommitApplies()
    {
        using var key = new SshSigningKey();
        ExtraConfig = $"verify:\n  mode: head\n  allowedSigners: {key.AllowedSignersFile}\n";
        CommitWeb("v1", signing: key.GitOptions);
        var pipeline = Pipeline();
        Assert.Equal(ReconcileStatus.Converged, (await pipeline.Cycle.RunAsync(Token)).Status);
        Assert.True(pipeline.Reports.Latest!.Revision!.Verified);

        var unsigned = CommitWeb("v2");
        var refused = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.VerificationFailed, refused.Status);
        Assert.Equal(Web("v1"), await ImageOfAsync("web"));
        var report = pipeline.Reports.Latest!;
        Assert.Equal(ReportStatus.Stalled, report.Status);
        Assert.Contains(unsigned, report.Stalled!.Reason, StringComparison.Ordinal);
        Assert.Contains("not signed", report.Stalled.Reason, StringComparison.Ordinal);

        var signed = CommitWeb("v2", "    environment:\n      SIGNED: \"yes\"\n", key.GitOptions);
        var applied = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, applied.Status);
        Assert.Equal(signed, applied.Revision);
        Assert.Equal(Web("v2"), await ImageOfAsync("web"));
        Assert.True(pipeline.Reports.Latest!.Revision!.Verified);
    }

    [Fact]
    public async Task Cycle_CommitSignedByUnknownKey_VerificationFailed()
    {
        using var allowed = new SshSigningKey();
        using var stranger = new SshSigningKey("stranger@example.org");
        ExtraConfig = $"verify:\n  mode: head\n  allowedSigners: {allowed.AllowedSignersFile}\n";
        var commit = CommitWeb("v1", signing: stranger.GitOptions);
        var pipeline = Pipeline();

        var result = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.VerificationFailed, result.Status);
        Assert.Empty(await ContainersAsync());
        Assert.Equal(commit, pipeline.Cycle.Stalled!.Commit);
    }
}
