using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using static GitOps.Reconciler.Tests.Reconciliation.PassHarness;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>
/// A host whose very first pass fails before it has a plan still publishes a report that says so, with the reason:
/// what <c>drift</c>, <c>/status</c> and the fleet store show instead of silence.
/// </summary>
public sealed class ReconcileCycleFirstPassTests : IDisposable
{
    private readonly PassHarness _pass = new();

    public void Dispose() => _pass.Dispose();

    [Fact]
    public async Task FirstPass_GitUnreachable_ReportSaysFailedWithTheReason()
    {
        _pass.PollFails("could not resolve host git.example.net");

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.FetchFailed, result.Status);
        Assert.Equal(ReportStatus.Failed, _pass.Report.Status);
        Assert.Contains("could not resolve host git.example.net", _pass.Report.LastError, StringComparison.Ordinal);
        Assert.Equal(Host, _pass.Report.Host);
        Assert.Null(_pass.Report.Revision);
        Assert.Empty(_pass.Report.Resources);
    }

    [Fact]
    public async Task FirstPass_InvalidCommit_ReportSaysStalledNotRunningIt()
    {
        _pass.Remote(A);
        _pass.Invalid.Add(A);

        var result = await _pass.PollAsync();

        Assert.Equal(ReconcileStatus.ValidationFailed, result.Status);
        Assert.Equal(ReportStatus.Stalled, _pass.Report.Status);
        Assert.Contains(A, _pass.Report.Stalled?.Reason, StringComparison.Ordinal);
        // Nothing of the commit runs: the report names no revision as the one compared against.
        Assert.Null(_pass.Report.Revision);
    }

    [Fact]
    public async Task FirstPass_EngineDown_ReportSaysFailedThenInSyncWhenBack()
    {
        _pass.Remote(A);
        _pass.EngineDown = true;

        await _pass.PollAsync();

        Assert.Equal(ReportStatus.Failed, _pass.Report.Status);
        Assert.Contains("Docker engine unreachable", _pass.Report.LastError, StringComparison.Ordinal);

        _pass.EngineDown = false;
        _pass.Time.Advance(TimeSpan.FromMinutes(2));
        await _pass.PollAsync();

        Assert.Equal(ReportStatus.InSync, _pass.Report.Status);
        Assert.Null(_pass.Report.LastError);
    }
}
