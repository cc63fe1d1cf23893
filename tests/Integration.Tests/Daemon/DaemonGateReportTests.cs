using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reporting.Drift;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>What the report says while a replacement is gated: converging at the gate step, in sync once the pass ends.</summary>
public sealed class DaemonGateReportTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    private const string StartFirst = "    deploy:\n      update_config:\n        order: start-first\n";

    [Fact]
    public async Task Cycle_StartFirstReplacementInItsSettleGate_ReportConvergingAtTheGateThenInSync()
    {
        CommitWeb("v1", StartFirst);
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        CommitWeb("v2", StartFirst);

        var deploying = pipeline.Cycle.RunAsync(Token);
        DriftReport? atGate = null;
        var webs = 0;
        await EventuallyAsync(async () =>
        {
            if (pipeline.Reports.Latest is { Step.Name: var step } latest && step == $"health gate of {Project}/web")
            {
                atGate = latest;
                webs = (await ContainersAsync()).Values.Count(c => c.Labels[EngineLabels.Service] == "web" && c.State == "running");
            }
            return atGate is not null || deploying.IsCompleted;
        }, "the report shows the web service's gate");
        await deploying;

        Assert.NotNull(atGate);
        Assert.Equal(ReportStatus.Converging, atGate!.Status);
        // Start-first: the old container still serves while the new one is gated.
        Assert.Equal(2, webs);
        var done = pipeline.Reports.Latest!;
        Assert.Equal(ReportStatus.InSync, done.Status);
        Assert.Null(done.Step);
        Assert.Equal(Web("v2"), await ImageOfAsync("web"));
    }

    [Fact]
    public async Task Cycle_StartFirstReplacement_InSyncWhileTheOldContainerIsStillBeingStopped()
    {
        // No stop_grace_period: busybox httpd ignores SIGTERM, so the old container's stop takes the default 10 s.
        CommitWeb("v1", StartFirst);
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        var old = (await ContainersAsync())[$"{Project}-web-1"].ID;
        CommitWeb("v2", StartFirst);

        await pipeline.Cycle.RunAsync(Token);

        // The pass reported in sync once the new container passed and took the name, before the old one was gone.
        Assert.Equal(ReportStatus.InSync, pipeline.Reports.Latest!.Status);
        var containers = await ContainersAsync();
        Assert.Contains(containers.Values, c => c.ID == old && c.Names[0] != $"/{Project}-web-1");
        Assert.Equal(Web("v2"), await ImageOfAsync("web"));
        await EventuallyAsync(async () => (await ContainersAsync()).Values.All(c => c.ID != old), "the old container is stopped and removed");
        Assert.Equal(2, (await ContainersAsync()).Count);
    }
}
