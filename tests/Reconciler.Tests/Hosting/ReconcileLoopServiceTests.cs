using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Tests.Reconciliation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace GitOps.Reconciler.Tests.Hosting;

/// <summary>The daemon's reconcile loop over a real pass on substitutes: first pass at once, then the poll delay or a wake-up.</summary>
public sealed class ReconcileLoopServiceTests : IAsyncDisposable
{
    private static readonly AgentConfig Config = new(
        PassHarness.Host, new RepoConfig("file:///r", GitRef.DefaultBranch, "", RepoAuth.None), TimeSpan.FromSeconds(30), 0.1,
        "/var/lib/gitops-agent", new ListenAddress("127.0.0.1", 9420), LogConfig.Default, VerifyConfig.Off, 200);

    private readonly PassHarness _pass = new();
    private readonly CoalescingReconcileTrigger _trigger = new();
    private readonly IHostApplicationLifetime _lifetime = Substitute.For<IHostApplicationLifetime>();
    private readonly ReconcileLoopService _service;
    private int _heapTrims;

    public ReconcileLoopServiceTests()
    {
        _pass.Running = PassHarness.ImageOf(PassHarness.A);
        _lifetime.ApplicationStopping.Returns(CancellationToken.None);
        var loop = new ReconcileLoop(_pass.Cycle, _trigger, Config, _lifetime, _pass.Time, NullLogger<ReconcileLoop>.Instance);
        _service = new ReconcileLoopService(loop, new AgentFailure(_lifetime, NullLogger<AgentFailure>.Instance), _pass.Time,
            new IdleHeapTrim(_pass.Time, () => Interlocked.Increment(ref _heapTrims)), NullLogger<ReconcileLoopService>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        _service.Dispose();
        _pass.Dispose();
    }

    [Fact]
    public async Task ExecuteAsync_Started_FirstPassAtOnceNextAfterThePollDelayOnTheInjectedClock()
    {
        await _service.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => _pass.Polls == 1, "the first pass polls");
        Assert.Equal(1, _pass.Polls);

        // The loop may still be finishing the first pass when it polled: advance until its wait has seen the clock move.
        await Eventually.TrueAsync(
            () =>
            {
                _pass.Time.Advance(TimeSpan.FromSeconds(34));
                return _pass.Polls >= 2;
            },
            "the second pass polls after the interval with jitter");
    }

    [Fact]
    public async Task ExecuteAsync_PassEndsBeforeThePollWait_HeapTrimmedOnceNotAgainWithinTheInterval()
    {
        await _service.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Volatile.Read(ref _heapTrims) == 1, "the heap is trimmed before the first wait");

        Assert.True(_trigger.Request("webhook"));
        await Eventually.TrueAsync(() => _pass.Polls == 2 && !_trigger.IsPending, "the requested pass polls");
        Assert.True(_trigger.Request("webhook"));
        await Eventually.TrueAsync(() => _pass.Polls == 3 && !_trigger.IsPending, "the next requested pass polls");

        Assert.Equal(1, Volatile.Read(ref _heapTrims));
    }

    [Fact]
    public async Task ExecuteAsync_RequestWhileWaiting_PassesAtOnceWithoutTheClock()
    {
        await _service.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => _pass.Polls == 1 && !_trigger.IsPending, "the first pass polls");

        Assert.True(_trigger.Request("webhook"));

        await Eventually.TrueAsync(() => _pass.Polls == 2, "the requested pass polls");
        Assert.False(_trigger.IsPending);
    }

    [Fact]
    public async Task ExecuteAsync_PassThrowsOutOfMemory_StopsTheAgent()
    {
        _pass.Source.ResolveRemoteAsync(Arg.Any<CancellationToken>()).Returns<Task<GitOps.Reconciler.Source.SourceRevision>>(_ => throw new OutOfMemoryException("simulated"));

        await _service.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => _lifetime.ReceivedCalls().Any(c => c.GetMethodInfo().Name == nameof(IHostApplicationLifetime.StopApplication)), "the agent is stopped");
    }

    [Fact]
    public async Task ExecuteAsync_PollHangs_SelfHealRequestConvergesTheLastGoodAtOnce()
    {
        await StartedInSyncAsync();
        var hanging = new TaskCompletionSource<GitOps.Reconciler.Source.SourceRevision>();
        _pass.Source.ResolveRemoteAsync(Arg.Any<CancellationToken>()).Returns(hanging.Task);
        await NextPollStartedAsync();
        _pass.Running = PassHarness.ImageOf(PassHarness.C);

        _trigger.Request("self-heal: demo/web");

        await Eventually.TrueAsync(() => _pass.Running == PassHarness.ImageOf(PassHarness.A), "the stopped service is healed while the poll hangs");
        Assert.False(hanging.Task.IsCompleted);
        Assert.Equal(1, _pass.Applies);
        hanging.SetResult(new GitOps.Reconciler.Source.SourceRevision(PassHarness.A, "refs/heads/main"));
    }

    [Fact]
    public async Task ExecuteAsync_PullOfNewCommitStalls_SelfHealRequestConvergesTheLastGoodAtOnce()
    {
        await StartedInSyncAsync();
        var stalled = new TaskCompletionSource<GitOps.Reconciler.Apply.PulledImages>();
        _pass.Pull = _ => stalled.Task;
        _pass.Remote(PassHarness.B);
        await NextPollStartedAsync();
        await Eventually.TrueAsync(() => _pass.HostSide.ReceivedCalls().Any(c => c.GetMethodInfo().Name == nameof(IHostReconciler.PullAsync)), "the pull stage started");
        _pass.Running = PassHarness.ImageOf(PassHarness.C);

        _trigger.Request("self-heal: demo/web");

        await Eventually.TrueAsync(() => _pass.Running == PassHarness.ImageOf(PassHarness.A), "the stopped service is healed while the pull stalls");
        Assert.Equal(1, _pass.Applies);
        stalled.SetResult(GitOps.Reconciler.Apply.PulledImages.None);
        await Eventually.TrueAsync(() => _pass.Running == PassHarness.ImageOf(PassHarness.B), "the new commit is applied once its pull ended");
    }

    private async Task StartedInSyncAsync()
    {
        await _service.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => _pass.Reports.Latest?.Status == GitOps.Reconciler.Reporting.Drift.ReportStatus.InSync, "the first pass ends in sync");
    }

    private Task NextPollStartedAsync()
    {
        var polls = _pass.Polls;
        return Eventually.TrueAsync(
            () =>
            {
                _pass.Time.Advance(TimeSpan.FromSeconds(34));
                return _pass.Polls > polls;
            },
            "the next pass polls");
    }
}
