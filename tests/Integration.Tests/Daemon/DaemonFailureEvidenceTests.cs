using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// A change whose container dies at start is rolled back and the container removed; what it said before dying (exit
/// code, last log lines with secrets masked) stays in the report and the history, so people can see why.
/// </summary>
public sealed class DaemonFailureEvidenceTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    private const string Secret = "s3cr3t-value";

    [Fact]
    public async Task Cycle_ChangeDiesAtStart_RolledBackWithExitCodeAndMaskedLogsInReportAndHistory()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        Assert.Equal(ReconcileStatus.Converged, (await pipeline.Cycle.RunAsync(Token)).Status);
        var before = (await ContainersAsync())[$"{Project}-web-1"].ID;

        CommitWeb("v2", $"    environment:\n      DB_PASSWORD: {Secret}\n    command: [\"sh\", \"-c\", \"echo cannot load the model; echo retrying with {Secret}; exit 4\"]\n");
        var result = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.HealthCheckFailed, result.Status);
        Assert.Equal(before, (await ContainersAsync())[$"{Project}-web-1"].ID);
        Assert.Equal(2, (await ContainersAsync()).Count);
        var web = pipeline.Reports.Latest!.Find(DriftKind.Service, Project, "web")!;
        Assert.Equal(ResourceStatus.RolledBack, web.Status);
        Assert.Equal(4, web.ExitCode);
        Assert.Contains("cannot load the model", web.Logs!);
        Assert.Contains("retrying with ******", web.Logs!);
        Assert.DoesNotContain(web.Logs!, l => l.Contains(Secret, StringComparison.Ordinal));

        var recorded = pipeline.State.GetHistory(10).SelectMany(r => r.Resources).Single(o => o.Name == "web" && o.Outcome == "RolledBack");
        Assert.Equal(4, recorded.ExitCode);
        Assert.Equal(web.Logs, recorded.Logs);
    }
}
