using GitOps.Reconciler.Common;
using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitOps.Reconciler.Tests.Fleet;

public class FleetReporterTests
{
    private readonly IFleetStore _store = Substitute.For<IFleetStore>();
    private readonly List<FleetEntry> _written = [];

    public FleetReporterTests() => _store.WriteAsync(Arg.Do<FleetEntry>(_written.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);

    private FleetReporter Reporter() => new(_store, "web-1", "1.0", TimeSpan.FromSeconds(30), TimeProvider.System, NullLogger<FleetReporter>.Instance)
    {
        RetryCap = TimeSpan.FromSeconds(60),
    };

    private static DriftReport Report(ReportStatus status, string commit = "c1") =>
        new(DriftReport.CurrentSchemaVersion, "web-1", new DriftRevision("refs/heads/main", commit, false), DateTimeOffset.UnixEpoch, status,
            ValueList<DriftResource>.Empty, null, null);

    [Fact]
    public async Task Published_SameStatusBetweenPasses_NotWrittenAgain()
    {
        var reporter = Reporter();
        reporter.Published(null, Report(ReportStatus.InSync), ReconcileOutcome.NoChanges);
        await reporter.TryWriteAsync(CancellationToken.None);

        reporter.Published(null, Report(ReportStatus.InSync), outcome: null);
        await reporter.TryWriteAsync(CancellationToken.None);
        reporter.Published(null, Report(ReportStatus.Drifted), outcome: null);
        await reporter.TryWriteAsync(CancellationToken.None);

        Assert.Equal(["inSync", "drifted"], _written.Select(e => e.Status));
    }

    [Fact]
    public async Task Published_EveryPassEnd_WrittenAsTheHeartbeat()
    {
        var reporter = Reporter();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            reporter.Published(null, Report(ReportStatus.InSync), ReconcileOutcome.NoChanges);
            await reporter.TryWriteAsync(CancellationToken.None);
        }

        Assert.Equal(3, _written.Count);
    }

    [Fact]
    public async Task TryWrite_StoreDownForTwoReports_OnlyTheNewestWrittenWhenBack()
    {
        var reporter = Reporter();
        _store.MigrateAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new TimeoutException("down")));
        reporter.Published(null, Report(ReportStatus.Converging, "c1"), outcome: null);
        var first = await reporter.TryWriteAsync(CancellationToken.None);
        reporter.Published(null, Report(ReportStatus.InSync, "c2"), ReconcileOutcome.Applied);
        var second = await reporter.TryWriteAsync(CancellationToken.None);

        _store.MigrateAsync(Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        var back = await reporter.TryWriteAsync(CancellationToken.None);
        var nothingLeft = await reporter.TryWriteAsync(CancellationToken.None);

        Assert.Equal((false, false, true, true), (first, second, back, nothingLeft));
        Assert.Equal([("inSync", "c2")], _written.Select(e => (e.Status, e.Commit)));
        Assert.Equal(0, reporter.ConsecutiveFailures);
    }

    [Fact]
    public void Backoff_Failures_DoublesFromOneSecondToTheCap() =>
        Assert.Equal(
            [1, 1, 2, 4, 32, 60, 60],
            new[] { 0, 1, 2, 3, 6, 7, 40 }.Select(n => Reporter().Backoff(n).TotalSeconds));

    [Fact]
    public void Entry_Report_CountsDriftedAndFailedResourcesNotStackRows()
    {
        static DriftResource Resource(DriftKind kind, ResourceStatus status) =>
            new(kind, "demo", "x", status, ValueList<DriftDifference>.Empty, null, DateTimeOffset.UnixEpoch, null, null);
        var report = Report(ReportStatus.Failed) with
        {
            Resources = ValueList.Of(
                Resource(DriftKind.Stack, ResourceStatus.Failed), Resource(DriftKind.Service, ResourceStatus.RolledBack),
                Resource(DriftKind.Service, ResourceStatus.Missing), Resource(DriftKind.Network, ResourceStatus.Drifted),
                Resource(DriftKind.Service, ResourceStatus.InSync)),
        };

        var entry = FleetEntry.From("web-1", report, "1.0", TimeSpan.FromSeconds(30));

        Assert.Equal(("failed", 2, 1), (entry.Status, entry.Drifted, entry.Failed));
        Assert.Equal(ReportStatus.Failed, DriftReportJson.Deserialize(entry.ReportJson).Status);
    }
}
