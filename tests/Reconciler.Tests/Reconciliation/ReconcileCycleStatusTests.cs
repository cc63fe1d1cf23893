using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using NSubstitute;
using static GitOps.Reconciler.Tests.Reconciliation.PassHarness;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>Every transition of the drift report's overall status (docs/drift-report.md) as a daemon pass makes it.</summary>
public sealed class ReconcileCycleStatusTests : IDisposable
{
    private readonly PassHarness _pass = new();

    public void Dispose() => _pass.Dispose();

    [Fact]
    public async Task RunAsync_NothingDiffers_InSyncRecordedWithoutApply()
    {
        _pass.Running = ImageOf(A);

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.Unchanged, result.Status);
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
        Assert.Equal(A, _pass.Report.Revision?.Commit);
        Assert.Equal(0, _pass.Applies);
        await _pass.HostSide.Received(1).RecordAsync(Arg.Is<ReconcileResult>(r => r.Status == ReconcileStatus.Unchanged), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RunAsync_PlanWithChanges_ConvergingWhileApplyingThenInSync()
    {
        DriftReport? during = null;
        _pass.DuringApply = _ => during = _pass.Reports.Latest;

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        Assert.NotNull(during);
        Assert.Equal(ReportStatus.Converging, during.Status);
        Assert.Equal(A, during.Revision?.Commit);
        Assert.Equal("apply", during.Step?.Name);
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
        Assert.Null(_pass.Report.Step);
        Assert.Equal(ImageOf(A), _pass.Running);
    }

    [Fact]
    public async Task RunAsync_InSyncThenNewCommit_InSyncConvergingInSync()
    {
        _pass.Running = ImageOf(A);
        await _pass.PollAsync();
        var statuses = new List<ReportStatus>();
        _pass.DuringApply = _ => statuses.Add(_pass.Report.Status);
        _pass.Remote(B);

        await _pass.PollAsync();

        Assert.Equal([ReportStatus.Converging], statuses);
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
        Assert.Equal(B, _pass.Report.Revision?.Commit);
    }

    [Fact]
    public async Task RunAsync_HostStillDiffersAfterApply_Drifted()
    {
        _pass.ApplyHasNoEffect = true;

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        Assert.Equal(ReportStatus.Drifted, _pass.Report.Status);
        // The pull stage's plan, the applied plan, and the plan after the apply that the report shows.
        Assert.Equal(3, _pass.PlansOf(A));
    }

    [Fact]
    public async Task RunAsync_ApplyFails_FailedThenInSyncOnceItWorks()
    {
        _pass.ApplyFails = true;
        var failed = await _pass.PollAsync();
        Assert.Equal(ReconcileStatus.ApplyFailed, failed.Status);
        Assert.Equal(ReportStatus.Failed, _pass.Report.Status);
        Assert.Contains("manifest unknown", _pass.Report.LastError, StringComparison.Ordinal);

        _pass.ApplyFails = false;
        var healed = await _pass.RequestAsync();

        Assert.Equal(ReconcileStatus.Converged, healed.Status);
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
        Assert.Null(_pass.Report.LastError);
    }

    [Fact]
    public async Task RunAsync_RetryAfterFailure_ConvergingCarriesThePreviousError()
    {
        _pass.ApplyFails = true;
        await _pass.PollAsync();
        _pass.ApplyFails = false;
        DriftReport? during = null;
        _pass.DuringApply = _ => during = _pass.Reports.Latest;

        await _pass.RequestAsync();

        Assert.Equal(ReportStatus.Converging, during?.Status);
        Assert.Contains("manifest unknown", during?.LastError, StringComparison.Ordinal);
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
    }

    [Fact]
    public async Task RunAsync_HealthGateFails_FailedWithTheServiceRolledBack()
    {
        _pass.HealthGateFails = true;

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.HealthCheckFailed, result.Status);
        Assert.Equal(ReportStatus.Failed, _pass.Report.Status);
        Assert.Equal(ResourceStatus.RolledBack, _pass.Report.Find(DriftKind.Service, "demo", "web")?.Status);
    }

    [Fact]
    public async Task RunAsync_InvalidCommitAfterInSync_StalledThenInSyncOnNewCommit()
    {
        _pass.Running = ImageOf(A);
        await _pass.PollAsync();
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
        _pass.Remote(B);
        _pass.Invalid.Add(B);

        var stalled = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.ValidationFailed, stalled.Status);
        Assert.Equal(ReportStatus.Stalled, _pass.Report.Status);
        var diagnostic = Assert.Single(_pass.Report.Stalled!.Diagnostics);
        Assert.Equal(("stacks/demo/compose.yaml", 3, 5), (diagnostic.File, diagnostic.Line, diagnostic.Column));
        _pass.Stalls.Received(1).Save(Arg.Is<StalledRevision>(s => s.Commit == B && s.Status == ReconcileStatus.ValidationFailed));

        _pass.Remote(C);
        var fixedCommit = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.Converged, fixedCommit.Status);
        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
        Assert.Null(_pass.Report.Stalled);
        Assert.Equal(ImageOf(C), _pass.Running);
        _pass.Stalls.Received(1).Clear();
    }

    [Fact]
    public async Task RunAsync_EveryStackSuspended_Suspended()
    {
        _pass.Suspended = true;
        _pass.Running = ImageOf(A);

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.Unchanged, result.Status);
        Assert.Equal(ReportStatus.Suspended, _pass.Report.Status);
        Assert.Equal(0, _pass.Applies);
    }

    [Fact]
    public async Task RunAsync_SuspendedStackWithDifferences_SuspendedAndNothingApplied()
    {
        _pass.Suspended = true;
        _pass.Running = ImageOf(B);

        await _pass.PollAsync();

        Assert.Equal(ReportStatus.Suspended, _pass.Report.Status);
        Assert.Equal(0, _pass.Applies);
        Assert.Equal(ImageOf(B), _pass.Running);
    }

    [Fact]
    public async Task RunAsync_GitFailsAfterInSync_FailedThenInSyncWhenGitIsBack()
    {
        _pass.Running = ImageOf(A);
        await _pass.PollAsync();
        _pass.PollFails();

        var failed = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.FetchFailed, failed.Status);
        Assert.Equal(ReportStatus.Failed, _pass.Report.Status);
        Assert.Contains("connection refused", _pass.Report.LastError, StringComparison.Ordinal);

        _pass.GitBack();
        await _pass.PollAsync();

        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
        Assert.Null(_pass.Report.LastError);
    }

    [Fact]
    public async Task RunAsync_PullStepDuringApply_ConvergingShowsTheStep()
    {
        DriftStep? step = null;
        _pass.DuringApply = progress =>
        {
            progress?.Report(new ApplyEvent("demo", "web", ApplyPhase.Pulling));
            step = _pass.Report.Step;
        };

        await _pass.PollAsync();

        Assert.Equal("pull demo/web", step?.Name);
        Assert.Equal(_pass.Time.GetUtcNow(), step?.Since);
        Assert.Null(_pass.Report.Step);
    }
}
