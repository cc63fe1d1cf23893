using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.State;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using static GitOps.Reconciler.Tests.Reconciliation.PassHarness;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>The README's "what happens when things go wrong", row by row, as the daemon pass handles it.</summary>
public sealed class ReconcileCycleFailureTests : IDisposable
{
    private readonly PassHarness _pass = new();

    public void Dispose() => _pass.Dispose();

    [Fact]
    public async Task GitUnreachable_KeepsLastGoodBacksOffAndRecovers()
    {
        await _pass.InSyncAtAsync(A);
        _pass.PollFails();

        var first = await _pass.PollAsync();
        await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.FetchFailed, first.Status);
        Assert.Equal(2, _pass.Cycle.SourceFailures);
        // The first pass plans A twice (its pull stage, then under the lock); each failed poll heals it once.
        Assert.Equal(4, _pass.PlansOf(A));
        Assert.Equal(0, _pass.Applies);
        await _pass.HostSide.Received(2).RecordAsync(Arg.Is<ReconcileResult>(r => r.Status == ReconcileStatus.FetchFailed), Arg.Any<CancellationToken>());

        _pass.GitBack();
        var back = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.Unchanged, back.Status);
        Assert.Equal(0, _pass.Cycle.SourceFailures);
    }

    [Fact]
    public async Task GitUnreachable_SelfHealConvergesLastGoodWithoutAnyGitCall()
    {
        await _pass.InSyncAtAsync(A);
        _pass.PollFails();
        _pass.Running = ImageOf(B);
        var (polls, fetches) = (_pass.Polls, _pass.Fetches);

        var healed = await _pass.Cycle.HealAsync(CancellationToken.None);

        Assert.Equal(ReconcileStatus.Converged, healed.Status);
        Assert.Equal(ImageOf(A), _pass.Running);
        Assert.Equal(polls, _pass.Polls);
        Assert.Equal(fetches, _pass.Fetches);
    }

    [Fact]
    public async Task DeployFails_RetriedAfterDoublingCappedBackoffNotBefore()
    {
        _pass.ApplyFails = true;
        var start = _pass.Time.GetUtcNow();

        await _pass.PollAsync();
        Assert.Equal(start + TimeSpan.FromSeconds(30), _pass.Cycle.RetryAt);
        _pass.Time.Advance(TimeSpan.FromSeconds(10));
        var waiting = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.ApplyFailed, waiting.Status);
        Assert.Equal(1, _pass.Applies);

        _pass.Time.Advance(TimeSpan.FromSeconds(21));
        await _pass.PollAsync();

        Assert.Equal(2, _pass.Applies);
        Assert.Equal(_pass.Time.GetUtcNow() + TimeSpan.FromMinutes(1), _pass.Cycle.RetryAt);

        _pass.ApplyFails = false;
        _pass.Time.Advance(TimeSpan.FromMinutes(1));
        var converged = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.Converged, converged.Status);
        Assert.Null(_pass.Cycle.RetryAt);
        Assert.Equal(0, _pass.Cycle.ConsecutiveFailures);
    }

    [Fact]
    public async Task DeployFails_NewCommitIsTakenAtOnce()
    {
        _pass.ApplyFails = true;
        await _pass.PollAsync();
        _pass.ApplyFails = false;
        _pass.Remote(B);

        var next = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.Converged, next.Status);
        Assert.Equal(ImageOf(B), _pass.Running);
    }

    [Fact]
    public async Task DeployFails_RequestedPassRetriesAtOnce()
    {
        _pass.ApplyFails = true;
        await _pass.PollAsync();

        await _pass.RequestAsync();

        Assert.Equal(2, _pass.Applies);
        Assert.Equal(2, _pass.Cycle.ConsecutiveFailures);
    }

    [Fact]
    public async Task RegistryStopsSending_ConvergingShowsThePullThenFailed()
    {
        DriftReport? during = null;
        _pass.ApplyFails = true;
        _pass.DuringApply = progress =>
        {
            progress?.Report(new ApplyEvent("demo", "web", ApplyPhase.Pulling));
            during = _pass.Reports.Latest;
        };

        await _pass.PollAsync();

        Assert.Equal(ReportStatus.Converging, during?.Status);
        Assert.Equal("pull demo/web", during?.Step?.Name);
        Assert.Equal(ReportStatus.Failed, _pass.Report.Status);
        Assert.Null(_pass.Report.Step);
    }

    [Fact]
    public async Task HealthGateFails_NoRetryLoopAndNotTheAppliedRevision()
    {
        _pass.HealthGateFails = true;

        await _pass.PollAsync();
        await _pass.PollAsync();

        Assert.Null(_pass.Cycle.RetryAt);
        Assert.Equal(0, _pass.Cycle.ConsecutiveFailures);
        Assert.Null(_pass.Report.LastAppliedRevision);
        Assert.Equal(ResourceStatus.RolledBack, _pass.Report.Find(DriftKind.Service, "demo", "web")?.Status);
    }

    [Fact]
    public async Task HistoryRewritten_FollowedAndReported()
    {
        await _pass.InSyncAtAsync(A);
        _pass.Source.DescendsFromAsync(B, A, Arg.Any<CancellationToken>()).Returns((bool?)false);
        _pass.Remote(B);

        await _pass.PollAsync();

        Assert.Equal(ImageOf(B), _pass.Running);
        Assert.Equal(new DriftHistoryRewrite(A, B, _pass.Time.GetUtcNow()), _pass.Report.HistoryRewrite);

        _pass.Source.DescendsFromAsync(C, B, Arg.Any<CancellationToken>()).Returns((bool?)true);
        _pass.Remote(C);
        await _pass.PollAsync();

        Assert.Null(_pass.Report.HistoryRewrite);
    }

    [Fact]
    public async Task GitServerStopsAnsweringDuringFetch_FetchFailedOnTheLastGood()
    {
        await _pass.InSyncAtAsync(A);
        _pass.FetchFails("timed out after 60 s of silence");
        _pass.Remote(B);

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.FetchFailed, result.Status);
        Assert.Equal(1, _pass.Cycle.SourceFailures);
        Assert.Equal(ImageOf(A), _pass.Running);
        Assert.Equal(0, _pass.PlansOf(B));
        Assert.Contains("60 s of silence", _pass.Report.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidCommit_NotRetriedUntilNewCommitWhileLastGoodIsKept()
    {
        await _pass.InSyncAtAsync(A);
        _pass.Remote(B);
        _pass.Invalid.Add(B);
        await _pass.PollAsync();
        var fetches = _pass.Fetches;
        _pass.Running = ImageOf(C);

        var again = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.ValidationFailed, again.Status);
        Assert.Equal(fetches, _pass.Fetches);
        // Only the first pass read it (its pull stage, then under the lock, where it was found invalid).
        Assert.Equal(2, _pass.PlansOf(B));
        Assert.Equal(ImageOf(A), _pass.Running);
        Assert.Equal(ReportStatus.Stalled, _pass.Report.Status);
        Assert.Equal(A, _pass.Report.Revision?.Commit);
    }

    [Fact]
    public async Task UnsignedCommit_StalledNothingPlannedOrApplied()
    {
        await _pass.InSyncAtAsync(A);
        _pass.Verifier.VerifyAsync(Arg.Is<SourceRevision>(r => r.Commit == B), Arg.Any<CancellationToken>())
            .ThrowsAsync(new SourceException(SourceFailure.VerificationFailed, $"commit {B} is not signed by an allowed key", B));
        _pass.Remote(B);

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.VerificationFailed, result.Status);
        Assert.Equal(ReportStatus.Stalled, _pass.Report.Status);
        Assert.Contains("not signed", _pass.Report.Stalled?.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _pass.PlansOf(B));
        Assert.Equal(0, _pass.Applies);
        await _pass.HostSide.Received(1).RecordAsync(Arg.Is<ReconcileResult>(r => r.Status == ReconcileStatus.VerificationFailed && r.Revision == B), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task StalledCommit_AfterRestartNotRetried()
    {
        _pass.Stalls.Load().Returns(new StalledRevision(B, ReconcileStatus.ValidationFailed, new DriftStall("invalid", ValueList<DriftDiagnostic>.Empty)));
        _pass.State.GetHostRevisions(Host).Returns(new HostRevisions(Host, A, null, B, null));
        _pass.Restart();
        _pass.Remote(B);
        _pass.Running = ImageOf(A);

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.ValidationFailed, result.Status);
        Assert.Equal(0, _pass.Fetches);
        Assert.Equal(0, _pass.PlansOf(B));
        Assert.Equal(1, _pass.PlansOf(A));
        Assert.Equal(ReportStatus.Stalled, _pass.Report.Status);
    }

    [Fact]
    public async Task EngineDown_ReportedBackedOffConvergedWhenBack()
    {
        _pass.EngineDown = true;

        var down = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.ProbeFailed, down.Status);
        Assert.Equal(1, _pass.Cycle.ConsecutiveFailures);
        Assert.NotNull(_pass.Cycle.RetryAt);
        Assert.Equal(0, _pass.Applies);

        _pass.EngineDown = false;
        _pass.Time.Advance(TimeSpan.FromSeconds(31));
        var back = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.Converged, back.Status);
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
        Assert.Equal(0, _pass.Cycle.ConsecutiveFailures);
    }

    [Fact]
    public async Task KilledMidApply_RestartConvergesTheAttemptedRevision()
    {
        _pass.State.GetHostRevisions(Host).Returns(new HostRevisions(Host, A, null, B, null));
        _pass.Restart();
        _pass.Running = ImageOf(A);
        _pass.Remote(B);

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        Assert.Equal(ImageOf(B), _pass.Running);
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
    }

    [Fact]
    public async Task KilledAfterApply_RestartSelfHealsTheAppliedRevisionWithoutFetch()
    {
        _pass.State.GetHostRevisions(Host).Returns(new HostRevisions(Host, A, null, A, null));
        _pass.Restart();
        _pass.Running = null;

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        Assert.Equal(ImageOf(A), _pass.Running);
        Assert.Equal(0, _pass.Fetches);
    }

    [Fact]
    public async Task StateDirectoryFull_HostConvergedReportFailedWithTheError()
    {
        _pass.State.WriteFailure.Returns("state.db: disk full");

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.StorageFailed, result.Status);
        Assert.Equal(ImageOf(A), _pass.Running);
        Assert.Equal(ReportStatus.Failed, _pass.Report.Status);
        Assert.Contains("state.db: disk full", _pass.Report.LastError, StringComparison.Ordinal);

        _pass.State.WriteFailure.Returns((string?)null);
        await _pass.PollAsync();

        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
    }

    [Fact]
    public async Task CorruptStateStore_FirstReportSaysItWasRebuiltOnce()
    {
        _pass.State.Opening.Returns(new StateStoreOpening(StateStoreOpenKind.Rebuilt, "/var/lib/gitops-agent/state.db.corrupt", "file is not a database"));
        _pass.Restart();
        _pass.Running = ImageOf(A);

        await _pass.PollAsync();

        Assert.Contains("moved aside to /var/lib/gitops-agent/state.db.corrupt", _pass.Report.LastError, StringComparison.Ordinal);

        await _pass.PollAsync();

        Assert.Null(_pass.Report.LastError);
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
    }
}
