using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.SelfHeal;
using GitOps.Reconciler.Tests.Planning;
using GitOps.Reconciler.Tests.Reporting.Drift;
using GitOps.Reconciler.Tests.Reporting.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.SelfHeal;

public sealed class DriftMonitorTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "drift-monitor-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeTimeProvider _time = new(SampleReports.Now);
    private readonly RecordingTrigger _trigger = new();
    private readonly MetricRegistry _registry = new();
    private DesiredState _desired = SampleReports.Demo();
    private ActualState _actual;
    private PlanningContext _context = PlanningContext.Empty;

    public DriftMonitorTests()
    {
        _actual = Given.Deployed(_desired);
    }

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private DriftMonitor Monitor(bool hostSelfHeal = true) => new(
        _ => Task.FromResult<CurrentPlan?>(new CurrentPlan(Planner.Plan(_desired, _actual, _context), SampleReports.Revision)),
        new DriftReportPublisher(new DriftReportStore(_stateDir), new AgentMetrics(_registry)),
        new SelfHealBackoff(_time),
        _trigger,
        new DriftMonitorOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), hostSelfHeal),
        _time,
        NullLogger<DriftMonitor>.Instance);

    private void StopApiByHand() =>
        _actual = _actual.EditContainers("demo", "api", c => c with { Running = false, ExitCode = 137 });

    [Fact]
    public async Task RefreshAsync_ContainerStoppedByHand_ReportsHostDriftAndRequestsOneCorrection()
    {
        var monitor = Monitor();
        await monitor.RefreshAsync(CancellationToken.None);
        StopApiByHand();

        var refresh = await monitor.RefreshAsync(CancellationToken.None);

        var api = refresh.Report!.Find(DriftKind.Service, "demo", "api")!;
        Assert.Equal(ResourceStatus.Drifted, api.Status);
        Assert.Equal(DriftCause.Host, api.Cause);
        Assert.Equal(["demo/api"], refresh.Corrected);
        Assert.Equal(["self-heal: demo/api"], _trigger.Reasons);
        Assert.Equal(refresh.Report, new DriftReportStore(_stateDir).Latest);
        Assert.Contains("gitops_agent_resources{kind=\"service\",status=\"drifted\"} 1", PrometheusText.Render(_registry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshAsync_DriftAgainWithinBackoff_HeldBackUntilItExpires()
    {
        var monitor = Monitor();
        await monitor.RefreshAsync(CancellationToken.None);
        StopApiByHand();
        await monitor.RefreshAsync(CancellationToken.None);

        var again = await monitor.RefreshAsync(CancellationToken.None);
        _time.Advance(new SelfHealBackoffOptions().Initial);
        var later = await monitor.RefreshAsync(CancellationToken.None);

        Assert.Empty(again.Corrected);
        Assert.Equal(["demo/api"], again.HeldBack);
        Assert.Equal(["demo/api"], later.Corrected);
        Assert.Equal(2, _trigger.Reasons.Count);
    }

    [Fact]
    public async Task RefreshAsync_StackSelfHealOff_ReportsButDoesNotCorrect()
    {
        var stack = _desired.Stacks["demo"];
        _desired = _desired with { Stacks = _desired.Stacks.With("demo", stack with { Policy = stack.Policy with { SelfHeal = false } }) };
        var monitor = Monitor();
        await monitor.RefreshAsync(CancellationToken.None);
        StopApiByHand();

        var refresh = await monitor.RefreshAsync(CancellationToken.None);

        Assert.Equal(ResourceStatus.Drifted, refresh.Report!.Find(DriftKind.Service, "demo", "api")!.Status);
        Assert.Empty(refresh.Corrected);
        Assert.Empty(_trigger.Reasons);
    }

    [Fact]
    public async Task RefreshAsync_HostSelfHealOff_ReportsButDoesNotCorrect()
    {
        var monitor = Monitor(hostSelfHeal: false);
        await monitor.RefreshAsync(CancellationToken.None);
        StopApiByHand();

        var refresh = await monitor.RefreshAsync(CancellationToken.None);

        Assert.Equal(DriftCause.Host, refresh.Report!.Find(DriftKind.Service, "demo", "api")!.Cause);
        Assert.Empty(_trigger.Reasons);
    }

    [Fact]
    public async Task RefreshAsync_LocallySuspendedStack_ReportedSuspendedNeverCorrected()
    {
        _context = PlanningContext.Empty with { LocallySuspended = GitOps.Reconciler.Common.ValueList.Of("demo") };
        var monitor = Monitor();
        await monitor.RefreshAsync(CancellationToken.None);
        StopApiByHand();

        var refresh = await monitor.RefreshAsync(CancellationToken.None);

        var api = refresh.Report!.Find(DriftKind.Service, "demo", "api")!;
        Assert.Equal(ResourceStatus.Suspended, api.Status);
        Assert.Empty(refresh.Corrected);
        Assert.Empty(_trigger.Reasons);
    }

    [Fact]
    public async Task RefreshAsync_ChangedInGit_NotCorrected()
    {
        var monitor = Monitor();
        await monitor.RefreshAsync(CancellationToken.None);
        _desired = SampleReports.Demo(Given.WebV2);

        var refresh = await monitor.RefreshAsync(CancellationToken.None);

        Assert.Equal(DriftCause.Git, refresh.Report!.Find(DriftKind.Service, "demo", "web")!.Cause);
        Assert.Empty(_trigger.Reasons);
    }

    [Fact]
    public async Task RunAsync_BurstOfRequests_RefreshesAndCorrects()
    {
        var monitor = Monitor();
        await monitor.RefreshAsync(CancellationToken.None);
        StopApiByHand();
        using var stop = new CancellationTokenSource();
        var run = monitor.RunAsync(stop.Token);

        monitor.Request("docker event: demo/api kill");
        monitor.Request("docker event: demo/api die");
        monitor.Request("docker event: demo/api stop");
        await AdvanceUntilAsync(() => _trigger.Reasons.Count > 0);
        await stop.CancelAsync();
        await run;

        Assert.Equal(["self-heal: demo/api"], _trigger.Reasons);
        Assert.Equal(ResourceStatus.Drifted, new DriftReportStore(_stateDir).Latest!.Find(DriftKind.Service, "demo", "api")!.Status);
    }

    [Fact]
    public async Task KnownStacks_AfterRefresh_ListsTheReportsStacks()
    {
        var monitor = Monitor();

        await monitor.RefreshAsync(CancellationToken.None);

        Assert.Equal(["demo"], monitor.KnownStacks());
    }

    private async Task AdvanceUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(5);
        }
        await Eventually.TrueAsync(condition, "the monitor acted");
    }
}
