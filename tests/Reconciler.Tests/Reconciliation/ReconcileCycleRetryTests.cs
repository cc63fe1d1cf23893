using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reconciliation.Slices;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>The daemon pass's retry state machine: a failed revision waits (capped), a new commit never does.</summary>
public sealed class ReconcileCycleRetryTests : IDisposable
{
    private const string A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cycle-retry-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly IConfigSource _source = Substitute.For<IConfigSource>();
    private readonly IDockerEngine _engine = Substitute.For<IDockerEngine>();
    private readonly ReconcileCycle _cycle;

    public ReconcileCycleRetryTests()
    {
        Directory.CreateDirectory(_root);
        _source.MaterializeAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => new MaterializedRevision(call.Arg<string>(), Tree(call.Arg<string>())));
        Remote(A);
        // The engine is away: every probe fails, which is a failed converge of the revision.
        _engine.Containers.ListAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new HttpRequestException("engine away"));
        var verifier = Substitute.For<IRevisionVerifier>();
        verifier.VerifyAsync(Arg.Any<SourceRevision>(), Arg.Any<CancellationToken>())
            .Returns(call => new VerifiedRevision(call.Arg<SourceRevision>(), null));
        var memory = Substitute.For<IReconcileMemory>();
        memory.LoadContextAsync(Arg.Any<CancellationToken>()).Returns(PlanningContext.Empty);
        var stacks = new StacksSlice(
            new DockerProbe(_engine),
            new ComposeExecutor(_engine, new ComposeExecutorOptions { StateDirectory = _root }, _time, NullLogger<ComposeExecutor>.Instance),
            memory, NullLogger<StacksSlice>.Instance);
        var reconciler = new HostReconciler([stacks], memory, _time, NullLogger<HostReconciler>.Instance);
        var reports = new DriftReportPublisher(new DriftReportStore(_root));
        _cycle = new ReconcileCycle(
            _source, verifier, reconciler, Substitute.For<IStateStore>(),
            new ReconcileCycleReporter(reports, "branch main", _time),
            new StalledRevisionStore(_root),
            new ReconcileCycleOptions("h1", _root, "branch main", TimeSpan.FromSeconds(5))
            {
                RetryBase = TimeSpan.FromSeconds(30),
                RetryMax = TimeSpan.FromMinutes(1),
            },
            _time, NullLogger<ReconcileCycle>.Instance);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private int Probes => _engine.Containers.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IDockerContainers.ListAsync));

    private void Remote(string commit) =>
        _source.ResolveRemoteAsync(Arg.Any<CancellationToken>()).Returns(new SourceRevision(commit, "refs/heads/main"));

    private string Tree(string commit)
    {
        var directory = Path.Combine(_root, "trees", commit);
        Directory.CreateDirectory(Path.Combine(directory, "stacks", "s1"));
        File.WriteAllText(Path.Combine(directory, "inventory.yaml"), "hosts:\n  h1: {}\n");
        File.WriteAllText(Path.Combine(directory, "stacks", "s1", "stack.yaml"), "targets: [h1]\n");
        File.WriteAllText(Path.Combine(directory, "stacks", "s1", "compose.yaml"), $"services:\n  web:\n    image: demo/web:{commit[..2]}\n");
        return directory;
    }

    [Fact]
    public async Task RunAsync_TimedPollBeforeBackoffExpired_SameRevisionNotRetried()
    {
        var failed = await _cycle.RunAsync(requested: false, CancellationToken.None);
        Assert.Equal(ReconcileStatus.ProbeFailed, failed.Status);
        Assert.Equal(1, Probes);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(30), _cycle.RetryAt);

        _time.Advance(TimeSpan.FromSeconds(29));
        await _cycle.RunAsync(requested: false, CancellationToken.None);
        Assert.Equal(1, Probes);

        _time.Advance(TimeSpan.FromSeconds(1));
        await _cycle.RunAsync(requested: false, CancellationToken.None);
        Assert.Equal(2, Probes);
    }

    [Fact]
    public async Task RunAsync_RepeatedFailures_BackoffDoublesUpToOneMinute()
    {
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            await _cycle.RunAsync(requested: false, CancellationToken.None);
            var wait = _cycle.RetryAt!.Value - _time.GetUtcNow();
            waits.Add(wait);
            _time.Advance(wait);
        }

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)], waits);
        Assert.Equal(4, Probes);
    }

    [Fact]
    public async Task RunAsync_NewCommitDuringBackoff_TakenAtOnce()
    {
        await _cycle.RunAsync(requested: false, CancellationToken.None);
        Remote(B);

        var result = await _cycle.RunAsync(requested: false, CancellationToken.None);

        Assert.Equal(B, result.Revision);
        Assert.Equal(2, Probes);
        await _source.Received().MaterializeAsync(B, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RunAsync_RequestedPassDuringBackoff_RetriesAtOnce()
    {
        await _cycle.RunAsync(requested: false, CancellationToken.None);

        await _cycle.RunAsync(requested: true, CancellationToken.None);

        Assert.Equal(2, Probes);
    }

    [Fact]
    public async Task RunAsync_ApplyFailure_DoesNotSlowThePolls()
    {
        await _cycle.RunAsync(requested: false, CancellationToken.None);

        Assert.Equal(0, _cycle.SourceFailures);
        Assert.Equal(1, _cycle.ConsecutiveFailures);
    }

    [Fact]
    public async Task RunAsync_GitUnreachable_CountsSourceFailures()
    {
        _source.ResolveRemoteAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new SourceException(SourceFailure.FetchFailed, "git away"));

        await _cycle.RunAsync(requested: false, CancellationToken.None);
        await _cycle.RunAsync(requested: false, CancellationToken.None);

        Assert.Equal(2, _cycle.SourceFailures);
    }

    [Fact]
    public async Task HealAsync_GitHangsAfterAPoll_ConvergesLastGoodWithoutAnyGitCall()
    {
        _engine.Containers.ListAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .Returns(Array.Empty<Docker.DotNet.Models.ContainerListResponse>());
        await _cycle.RunAsync(requested: false, CancellationToken.None);
        // From now on the git server accepts and never answers.
        _source.ResolveRemoteAsync(Arg.Any<CancellationToken>()).Returns(new TaskCompletionSource<SourceRevision>().Task);
        var probesBefore = Probes;

        var healing = _cycle.HealAsync(CancellationToken.None);

        Assert.Same(healing, await Task.WhenAny(healing, Task.Delay(TimeSpan.FromSeconds(30))));
        await healing;
        Assert.True(Probes > probesBefore, "the heal did not probe the host");
        await _source.Received(1).ResolveRemoteAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task HealAsync_BeforeAnyPoll_PollsFirstSinceTheLastGoodMayBeOutdated()
    {
        await _cycle.HealAsync(CancellationToken.None);

        await _source.Received(1).ResolveRemoteAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task HealAsync_NewerCommitSeen_AppliesItInsteadOfTheOlderRevision()
    {
        await _cycle.RunAsync(requested: false, CancellationToken.None);
        Remote(B);
        _source.FetchAsync(Arg.Is<SourceRevision>(r => r.Commit == B), Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new SourceException(SourceFailure.FetchFailed, "git away")));
        await _cycle.RunAsync(requested: false, CancellationToken.None);

        await _cycle.HealAsync(CancellationToken.None);

        await _source.Received(3).ResolveRemoteAsync(Arg.Any<CancellationToken>());
    }
}
