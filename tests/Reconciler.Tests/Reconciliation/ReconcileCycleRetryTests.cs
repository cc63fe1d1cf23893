using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Source;
using NSubstitute;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>The daemon pass's retry state machine: a failed revision waits (capped), a new commit never does.</summary>
public sealed class ReconcileCycleRetryTests : IDisposable
{
    private const string B = PassHarness.B;

    // The engine is away: every plan fails, which is a failed converge of the revision.
    private readonly PassHarness _pass = new() { EngineDown = true };

    public void Dispose() => _pass.Dispose();

    private ReconcileCycle Cycle => _pass.Cycle;

    private int Probes => _pass.Plans;

    [Fact]
    public async Task RunAsync_TimedPollBeforeBackoffExpired_SameRevisionNotRetried()
    {
        var failed = await Cycle.RunAsync(requested: false, CancellationToken.None);
        Assert.Equal(ReconcileStatus.ProbeFailed, failed.Status);
        // Each attempt probes twice: its pull stage, then under the lock.
        Assert.Equal(2, Probes);
        Assert.Equal(_pass.Time.GetUtcNow() + TimeSpan.FromSeconds(30), Cycle.RetryAt);

        _pass.Time.Advance(TimeSpan.FromSeconds(29));
        await Cycle.RunAsync(requested: false, CancellationToken.None);
        Assert.Equal(2, Probes);

        _pass.Time.Advance(TimeSpan.FromSeconds(1));
        await Cycle.RunAsync(requested: false, CancellationToken.None);
        Assert.Equal(4, Probes);
    }

    [Fact]
    public async Task RunAsync_RepeatedFailures_BackoffDoublesUpToOneMinute()
    {
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            await Cycle.RunAsync(requested: false, CancellationToken.None);
            var wait = Cycle.RetryAt!.Value - _pass.Time.GetUtcNow();
            waits.Add(wait);
            _pass.Time.Advance(wait);
        }

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)], waits);
        // Each attempt probes twice: its pull stage, then under the lock.
        Assert.Equal(8, Probes);
    }

    [Fact]
    public async Task RunAsync_NewCommitDuringBackoff_TakenAtOnce()
    {
        await Cycle.RunAsync(requested: false, CancellationToken.None);
        _pass.Remote(B);

        var result = await Cycle.RunAsync(requested: false, CancellationToken.None);

        Assert.Equal(B, result.Revision);
        // Each attempt probes twice: its pull stage, then under the lock.
        Assert.Equal(4, Probes);
        await _pass.Source.Received().MaterializeAsync(B, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RunAsync_RequestedPassDuringBackoff_RetriesAtOnce()
    {
        await Cycle.RunAsync(requested: false, CancellationToken.None);

        await Cycle.RunAsync(requested: true, CancellationToken.None);

        // Each attempt probes twice: its pull stage, then under the lock.
        Assert.Equal(4, Probes);
    }

    [Fact]
    public async Task RunAsync_ApplyFailure_DoesNotSlowThePolls()
    {
        await Cycle.RunAsync(requested: false, CancellationToken.None);

        Assert.Equal(0, Cycle.SourceFailures);
        Assert.Equal(1, Cycle.ConsecutiveFailures);
    }

    [Fact]
    public async Task RunAsync_GitUnreachable_CountsSourceFailures()
    {
        _pass.PollFails("git away");

        await Cycle.RunAsync(requested: false, CancellationToken.None);
        await Cycle.RunAsync(requested: false, CancellationToken.None);

        Assert.Equal(2, Cycle.SourceFailures);
    }

    [Fact]
    public async Task HealAsync_GitHangsAfterAPoll_ConvergesLastGoodWithoutAnyGitCall()
    {
        _pass.EngineDown = false;
        await Cycle.RunAsync(requested: false, CancellationToken.None);
        // From now on the git server accepts and never answers.
        _pass.Source.ResolveRemoteAsync(Arg.Any<CancellationToken>()).Returns(new TaskCompletionSource<SourceRevision>().Task);
        var probesBefore = Probes;

        var healing = Cycle.HealAsync(CancellationToken.None);

        Assert.Same(healing, await Task.WhenAny(healing, Task.Delay(TimeSpan.FromSeconds(30))));
        await healing;
        Assert.True(Probes > probesBefore, "the heal did not probe the host");
        await _pass.Source.Received(1).ResolveRemoteAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task HealAsync_BeforeAnyPoll_PollsFirstSinceTheLastGoodMayBeOutdated()
    {
        await Cycle.HealAsync(CancellationToken.None);

        await _pass.Source.Received(1).ResolveRemoteAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task HealAsync_NewerCommitSeen_AppliesItInsteadOfTheOlderRevision()
    {
        await Cycle.RunAsync(requested: false, CancellationToken.None);
        _pass.Remote(B);
        _pass.Source.FetchAsync(Arg.Is<SourceRevision>(r => r.Commit == B), Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new SourceException(SourceFailure.FetchFailed, "git away")));
        await Cycle.RunAsync(requested: false, CancellationToken.None);

        await Cycle.HealAsync(CancellationToken.None);

        await _pass.Source.Received(3).ResolveRemoteAsync(Arg.Any<CancellationToken>());
    }
}
