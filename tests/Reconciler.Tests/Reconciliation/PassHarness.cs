using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Tests.Planning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>
/// A daemon pass over substitutes: git (source, verifier), the host (planner/applier), the state store and the stalled
/// store, with a fake clock. The host is a small model: each commit asks for one service <c>demo/web</c> at an image of
/// its own, and an apply that works makes the host run it. The drift report is the real one, in a temporary directory.
/// </summary>
internal sealed class PassHarness : IDisposable
{
    public const string A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string C = "cccccccccccccccccccccccccccccccccccccccc";
    public const string Host = Given.Host;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "pass-" + Guid.NewGuid().ToString("N")[..8]);
    private string _remote = A;

    public PassHarness()
    {
        Directory.CreateDirectory(_root);
        Reports = new DriftReportStore(_root);
        Source.ResolveRemoteAsync(Arg.Any<CancellationToken>()).Returns(_ => new SourceRevision(_remote, "refs/heads/main"));
        Source.MaterializeAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => new MaterializedRevision(call.Arg<string>(), Path.Combine(_root, "trees", call.Arg<string>())));
        Verifier.VerifyAsync(Arg.Any<SourceRevision>(), Arg.Any<CancellationToken>())
            .Returns(call => new VerifiedRevision(call.Arg<SourceRevision>(), null));
        State.WriteFailure.Returns((string?)null);
        State.Opening.Returns(new StateStoreOpening(StateStoreOpenKind.Opened));
        Stalls.Load().Returns((StalledRevision?)null);
        HostSide.PlanAsync(Arg.Any<RepoDirectory>(), Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<bool>(), Arg.Any<CancellationToken>())
            .Returns(call => PlanOf(call.ArgAt<string?>(2)!));
        HostSide.ApplyAsync(Arg.Any<ReconcileResult>(), Arg.Any<IProgress<ApplyEvent>?>(), Arg.Any<CancellationToken>())
            .Returns(call => ApplyOf(call.Arg<ReconcileResult>(), call.Arg<IProgress<ApplyEvent>?>()));
        HostSide.RecordAsync(Arg.Any<ReconcileResult>(), Arg.Any<CancellationToken>()).Returns(call => call.Arg<ReconcileResult>());
        HostSide.PullAsync(Arg.Any<ReconcileResult>(), Arg.Any<IProgress<ApplyEvent>?>(), Arg.Any<CancellationToken>())
            .Returns(call => Pull?.Invoke(call.Arg<IProgress<ApplyEvent>?>()) ?? Task.FromResult(PulledImages.None));
        Publisher = new DriftReportPublisher(Reports);
        Cycle = NewCycle();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public IConfigSource Source { get; } = Substitute.For<IConfigSource>();

    public IRevisionVerifier Verifier { get; } = Substitute.For<IRevisionVerifier>();

    public IHostReconciler HostSide { get; } = Substitute.For<IHostReconciler>();

    public IStateStore State { get; } = Substitute.For<IStateStore>();

    public IStalledRevisionStore Stalls { get; } = Substitute.For<IStalledRevisionStore>();

    public DriftReportStore Reports { get; }

    /// <summary>Where every report goes out, the pass's and (in a test) an event-driven refresh's.</summary>
    public DriftReportPublisher Publisher { get; }

    /// <summary>The pull stage of a new revision (a registry that stalls: a task that does not end); none by default.</summary>
    public Func<IProgress<ApplyEvent>?, Task<PulledImages>>? Pull { get; set; }

    public ReconcileCycle Cycle { get; private set; }

    public DriftReport Report => Reports.Latest ?? throw new InvalidOperationException("no report yet");

    /// <summary>The image the host runs for demo/web; null before anything was deployed.</summary>
    public string? Running { get; set; }

    /// <summary>Commits whose repo content is invalid for the host (ValidationFailed when planned).</summary>
    public HashSet<string> Invalid { get; } = [];

    public bool EngineDown { get; set; }

    public bool ApplyFails { get; set; }

    public bool HealthGateFails { get; set; }

    /// <summary>An apply that reports success while the host keeps what it ran (someone reverts it at once).</summary>
    public bool ApplyHasNoEffect { get; set; }

    /// <summary>Suspends the demo stack in every commit's repo content.</summary>
    public bool Suspended { get; set; }

    /// <summary>Runs inside Apply, before it ends (what the report says while a pass converges).</summary>
    public Action<IProgress<ApplyEvent>?>? DuringApply { get; set; }

    public static string ImageOf(string commit) => $"127.0.0.1:5000/demo/web:{commit[..3]}";

    public void Remote(string commit) => _remote = commit;

    public void FetchFails(string message = "connection refused") =>
        Source.FetchAsync(Arg.Any<SourceRevision>(), Arg.Any<CancellationToken>()).ThrowsAsync(new SourceException(SourceFailure.FetchFailed, message));

    public void PollFails(string message = "connection refused") =>
        Source.ResolveRemoteAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new SourceException(SourceFailure.FetchFailed, message));

    public void GitBack() =>
        Source.ResolveRemoteAsync(Arg.Any<CancellationToken>()).Returns(_ => new SourceRevision(_remote, "refs/heads/main"));

    /// <summary>A new process over the same substitutes and state directory (what a restart sees).</summary>
    public void Restart() => Cycle = NewCycle();

    public Task<ReconcileResult> PollAsync() => Cycle.RunAsync(requested: false, CancellationToken.None);

    /// <summary>The remote at <paramref name="commit"/>, the host running it, one poll: the report says in sync.</summary>
    public async Task InSyncAtAsync(string commit)
    {
        Remote(commit);
        Running = ImageOf(commit);
        await PollAsync();
        Assert.Equal(ReportStatus.InSync, Report.Status);
    }

    public Task<ReconcileResult> RequestAsync() => Cycle.RunAsync(requested: true, CancellationToken.None);

    public int Applies => HostSide.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IHostReconciler.ApplyAsync));

    public int Plans => HostSide.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IHostReconciler.PlanAsync));

    public int PlansOf(string commit) => HostSide.ReceivedCalls()
        .Count(c => c.GetMethodInfo().Name == nameof(IHostReconciler.PlanAsync) && (string?)c.GetArguments()[2] == commit);

    public int Fetches => Source.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IConfigSource.FetchAsync));

    public int Polls => Source.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IConfigSource.ResolveRemoteAsync));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private ReconcileCycle NewCycle() => new(
        Source, Verifier, HostSide, State,
        new ReconcileCycleReporter(Publisher, "branch main", Time),
        Stalls,
        new ReconcileCycleOptions(Host, _root, "branch main", TimeSpan.FromSeconds(5))
        {
            RetryBase = TimeSpan.FromSeconds(30),
            RetryMax = TimeSpan.FromMinutes(1),
        },
        Time, NullLogger<ReconcileCycle>.Instance);

    private static DesiredState DesiredOf(string image, bool suspended)
    {
        var stack = Given.Stack("demo", Given.Service("web", image));
        return Given.Desired(suspended ? stack.Suspended() : stack);
    }

    private ReconcileResult PlanOf(string commit)
    {
        var now = Time.GetUtcNow();
        if (Invalid.Contains(commit))
        {
            var error = new Diagnostic(Severity.Error, new SourcePosition("stacks/demo/compose.yaml", 3, 5), "unknown key 'imgae'");
            return new ReconcileResult(Host, commit, ReconcileStatus.ValidationFailed, [error], null, null, null, now, TimeSpan.Zero);
        }
        if (EngineDown)
        {
            return new ReconcileResult(Host, commit, ReconcileStatus.ProbeFailed, [], null, null, "Docker engine unreachable: connection refused", now, TimeSpan.Zero);
        }
        var actual = Running is null ? ActualState.Empty : Given.Deployed(DesiredOf(Running, suspended: false));
        var plan = Planner.Plan(DesiredOf(ImageOf(commit), Suspended), actual, PlanningContext.Empty);
        var status = plan.HasChanges ? ReconcileStatus.Converged : ReconcileStatus.Unchanged;
        return new ReconcileResult(Host, commit, status, [], plan, null, null, now, TimeSpan.Zero);
    }

    private ReconcileResult ApplyOf(ReconcileResult planned, IProgress<ApplyEvent>? progress)
    {
        DuringApply?.Invoke(progress);
        if (ApplyFails)
        {
            return planned with
            {
                Status = ReconcileStatus.ApplyFailed,
                Applied = Applied(ApplyStatus.Failed, "pull failed: manifest unknown"),
                Error = "demo/web: pull failed: manifest unknown",
            };
        }
        if (HealthGateFails)
        {
            return planned with
            {
                Status = ReconcileStatus.HealthCheckFailed,
                Applied = Applied(ApplyStatus.RolledBack, "unhealthy after 30s; rolled back"),
                Error = "demo/web: unhealthy after 30s; rolled back",
            };
        }
        if (!ApplyHasNoEffect)
        {
            Running = ImageOf(planned.Revision!);
        }
        return planned with { Applied = Applied(ApplyStatus.Applied, "replaced") };
    }

    private static ApplyResult Applied(ApplyStatus status, string reason) => new(
        ValueList.Of(new StackApplyResult("demo", ValueList.Of(new ResourceApplyResult(ResourceKind.Container, "web", status, reason)))),
        ValueList<string>.Empty);
}
