using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.State;
using NSubstitute;
using static GitOps.Reconciler.Tests.Reconciliation.PassHarness;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>
/// The preparing part of a pass (git calls, the pull stage of a new revision) on a fake clock: what the report says while
/// it waits, and self-heal of the last good revision meanwhile.
/// </summary>
public sealed class ReconcileCyclePreparationTests : IDisposable
{
    private readonly PassHarness _pass = new();

    public void Dispose() => _pass.Dispose();

    [Fact]
    public async Task RunAsync_GitServerHangs_ConvergingWithTheGitStepOnceSlowThenFailedWhenItTimesOut()
    {
        await _pass.InSyncAtAsync(A);
        var hanging = new TaskCompletionSource<SourceRevision>();
        _pass.Source.ResolveRemoteAsync(Arg.Any<CancellationToken>()).Returns(hanging.Task);

        var pass = _pass.PollAsync();
        _pass.Time.Advance(TimeSpan.FromSeconds(4));
        // A poll that answers within a few seconds never makes the report flap.
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
        _pass.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(ReportStatus.Converging, _pass.Report.Status);
        Assert.Equal("ls-remote origin", _pass.Report.Step?.Name);

        hanging.SetException(new SourceException(SourceFailure.FetchFailed, "cannot list the remote's refs from git://127.0.0.1/fleet.git: timed out"));
        var result = await pass;

        Assert.Equal(ReconcileStatus.FetchFailed, result.Status);
        Assert.Equal(ReportStatus.Failed, _pass.Report.Status);
        Assert.Contains("timed out", _pass.Report.LastError, StringComparison.Ordinal);
        Assert.Null(_pass.Report.Step);
    }

    [Fact]
    public async Task RunAsync_PullOfNewRevisionStalls_ConvergingWithThePullEvenThroughARefreshThenThePullFailureIsApplied()
    {
        await _pass.InSyncAtAsync(A);
        var stalled = new TaskCompletionSource<PulledImages>();
        _pass.Pull = progress =>
        {
            progress?.Report(new ApplyEvent("demo", "web", ApplyPhase.Pulling, ImageOf(B)));
            return stalled.Task;
        };
        _pass.Remote(B);

        var pass = _pass.PollAsync();

        Assert.Equal(ReportStatus.Converging, _pass.Report.Status);
        Assert.Equal("pull demo/web", _pass.Report.Step?.Name);
        Assert.Equal(0, _pass.Applies);
        // An event-driven refresh publishes meanwhile: the report still says what the pass waits for.
        _pass.Publisher.Publish(previous => previous! with { Status = ReportStatus.InSync, Step = null }, null);
        Assert.Equal(ReportStatus.Converging, _pass.Report.Status);
        Assert.Equal("pull demo/web", _pass.Report.Step?.Name);

        var failure = new ImagePullException(ImageOf(B), "no progress from the registry for 60s (pullProgressTimeout)");
        stalled.SetResult(new PulledImages(new HashSet<string>(), new Dictionary<string, Exception> { [ImageOf(B)] = failure }));
        await pass;

        // The apply is told the pull failed: it fails the service with it instead of pulling again under the lock.
        await _pass.HostSide.Received(1).ApplyAsync(
            Arg.Is<ReconcileResult>(r => r.Revision == B && r.Pulled != null && r.Pulled.Failed[ImageOf(B)] == failure),
            Arg.Any<IProgress<ApplyEvent>?>(), Arg.Any<CancellationToken>());
        Assert.Null(_pass.Report.Step);
    }

    [Fact]
    public async Task HealWhilePreparingAsync_PullOfNewRevisionStalls_LastGoodHealedThenTheNewRevisionApplied()
    {
        await _pass.InSyncAtAsync(A);
        var stalled = new TaskCompletionSource<PulledImages>();
        _pass.Pull = progress =>
        {
            progress?.Report(new ApplyEvent("demo", "web", ApplyPhase.Pulling, ImageOf(B)));
            return stalled.Task;
        };
        _pass.Remote(B);
        var preparing = _pass.Cycle.PrepareAsync(requested: false, CancellationToken.None);
        Assert.False(preparing.IsCompleted);
        // Changed by hand while the pull waits.
        _pass.Running = ImageOf(C);

        Assert.True(_pass.Cycle.CanHealWhilePreparing);
        var healed = await _pass.Cycle.HealWhilePreparingAsync(CancellationToken.None);

        Assert.Equal(ReconcileStatus.Converged, healed.Status);
        Assert.Equal(A, healed.Revision);
        Assert.Equal(ImageOf(A), _pass.Running);
        Assert.Equal(ReportStatus.Converging, _pass.Report.Status);
        Assert.Equal("pull demo/web", _pass.Report.Step?.Name);

        stalled.SetResult(PulledImages.None);
        var result = await _pass.Cycle.CompleteAsync(await preparing, CancellationToken.None);

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        Assert.Equal(ImageOf(B), _pass.Running);
        Assert.Equal(B, _pass.Cycle.LastGood?.Commit);
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
        Assert.Null(_pass.Report.Step);
    }

    [Fact]
    public async Task CanHealWhilePreparing_AfterARestartBeforeAnyConverge_FalseSinceTheHostMayRunANewerRevision()
    {
        _pass.State.GetHostRevisions(Host).Returns(new HostRevisions(Host, A, null, B, null));
        _pass.Restart();
        var hanging = new TaskCompletionSource<SourceRevision>();
        _pass.Source.ResolveRemoteAsync(Arg.Any<CancellationToken>()).Returns(hanging.Task);

        var preparing = _pass.Cycle.PrepareAsync(requested: false, CancellationToken.None);

        Assert.Equal(A, _pass.Cycle.LastGood?.Commit);
        Assert.False(_pass.Cycle.CanHealWhilePreparing);
        hanging.SetResult(new SourceRevision(B, "refs/heads/main"));
        await _pass.Cycle.CompleteAsync(await preparing, CancellationToken.None);
        Assert.True(_pass.Cycle.CanHealWhilePreparing);
    }
}
