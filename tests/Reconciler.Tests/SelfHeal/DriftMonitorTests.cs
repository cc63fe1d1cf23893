using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Actual.Events;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.SelfHeal;
using GitOps.Reconciler.Stacks;
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
    private readonly AgentMetrics _metrics = new();
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

    private DriftMonitor Monitor(bool hostSelfHeal = true, ContainerTrust? trust = null, TimeSpan? fullReadInterval = null, ContainerChanges? changes = null) => new(
        _ =>
        {
            Plans++;
            return Task.FromResult<CurrentPlan?>(new CurrentPlan(Planner.Plan(_desired, _actual, _context), SampleReports.Revision));
        },
        new DriftReportPublisher(new DriftReportStore(_stateDir), _metrics),
        new SelfHealBackoff(_time),
        _trigger,
        new DriftMonitorOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), hostSelfHeal) { FullReadInterval = fullReadInterval },
        _time,
        NullLogger<DriftMonitor>.Instance)
    {
        Trust = trust,
        Changes = changes,
    };

    private int Plans { get; set; }

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
        Assert.Contains("gitops_agent_resources{kind=\"service\",status=\"drifted\"} 1", await _metrics.RenderAsync(CancellationToken.None), StringComparison.Ordinal);
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
    public async Task RefreshAsync_ServiceFailedAtTheLastApplyAndStillDiffering_KeepsFailedItsErrorAndSince()
    {
        var failedAt = SampleReports.Now;
        _desired = SampleReports.Demo(Given.WebV2);
        new DriftReportPublisher(new DriftReportStore(_stateDir)).Publish(_ => DriftReportBuilder.Build(
            new DriftReportInput(Planner.Plan(_desired, _actual, _context), SampleReports.Revision, failedAt)
            {
                Outcomes = GitOps.Reconciler.Common.ValueList.Of(new ApplyOutcome(DriftKind.Service, "demo", "web", ApplyFailure.Failed, "web: health check failed")),
                LastError = "demo/web: health check failed",
            }), outcome: null);
        _time.Advance(TimeSpan.FromMinutes(3));

        var refresh = await Monitor().RefreshAsync(CancellationToken.None);

        var web = refresh.Report!.Find(DriftKind.Service, "demo", "web")!;
        Assert.Equal(ResourceStatus.Failed, web.Status);
        Assert.Equal("web: health check failed", web.LastError);
        Assert.Equal(failedAt, web.Since);
        Assert.Equal(ReportStatus.Failed, refresh.Report.Status);
        Assert.Equal("demo/web: health check failed", refresh.Report.LastError);
    }

    [Fact]
    public async Task RefreshAsync_FailedServiceNowInSync_FailureGoes()
    {
        new DriftReportPublisher(new DriftReportStore(_stateDir)).Publish(_ => DriftReportBuilder.Build(
            new DriftReportInput(Planner.Plan(_desired, _actual, _context), SampleReports.Revision, SampleReports.Now)
            {
                Outcomes = GitOps.Reconciler.Common.ValueList.Of(new ApplyOutcome(DriftKind.Service, "demo", "web", ApplyFailure.Failed, "web: health check failed")),
            }), outcome: null);

        var refresh = await Monitor().RefreshAsync(CancellationToken.None);

        var web = refresh.Report!.Find(DriftKind.Service, "demo", "web")!;
        Assert.Equal(ResourceStatus.InSync, web.Status);
        Assert.Null(web.LastError);
    }

    [Fact]
    public void OnContainerEvent_NetworkDisconnect_DistrustsExactlyThatContainer()
    {
        var trust = new ContainerTrust();
        trust.Trust("a", "hash-a");
        trust.Trust("b", "hash-b");
        var monitor = Monitor(trust: trust);

        monitor.OnContainerEvent(new ContainerEventMatch("demo", null, "a", ContainerEventKind.NetworkDisconnect, "demo_default") { ContainerId = "a" });
        monitor.OnContainerEvent(new ContainerEventMatch("demo", "api", "demo-api-1", ContainerEventKind.Die, "0") { ContainerId = "b" });

        Assert.False(trust.Trusts("a", "hash-a"));
        Assert.True(trust.Trusts("b", "hash-b"));
    }

    [Fact]
    public void OnContainerEvent_ContainerAGateWaitsOn_WakesThatWaitOnly()
    {
        var changes = new ContainerChanges();
        var monitor = Monitor(changes: changes);
        using var gateWatch = changes.Watch("new-web");
        using var otherWatch = changes.Watch("other");
        var gate = gateWatch.Next();
        var other = otherWatch.Next();

        monitor.OnContainerEvent(new ContainerEventMatch("demo", "web", "demo-web-1_0123", ContainerEventKind.HealthStatus, "healthy") { ContainerId = "new-web" });

        Assert.True(gate.IsCompletedSuccessfully);
        Assert.False(other.IsCompleted);
    }

    [Fact]
    public async Task RunAsync_DriftIntervalPassesWithoutEvents_FullDriftReadOfEveryContainer()
    {
        var trust = new ContainerTrust();
        trust.Trust("a", "hash-a");
        trust.Trust("b", "hash-b");
        var monitor = Monitor(trust: trust, fullReadInterval: TimeSpan.FromMinutes(5));
        using var stop = new CancellationTokenSource();
        var run = monitor.RunAsync(stop.Token);

        await AdvanceUntilAsync(() => Plans > 0, TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await run;

        Assert.Equal(1, monitor.FullReads);
        Assert.Equal(0, trust.Count);
        Assert.True(_time.GetUtcNow() >= SampleReports.Now + TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task KnownStacks_AfterRefresh_ListsTheReportsStacks()
    {
        var monitor = Monitor();

        await monitor.RefreshAsync(CancellationToken.None);

        Assert.Equal(["demo"], monitor.KnownStacks());
    }

    private Task AdvanceUntilAsync(Func<bool> condition, TimeSpan? step = null) =>
        Eventually.AdvanceUntilAsync(_time, condition, step ?? TimeSpan.FromMilliseconds(50), "the monitor acted");
}
