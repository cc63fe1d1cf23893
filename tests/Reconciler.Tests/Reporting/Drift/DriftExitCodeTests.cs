using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting.Drift;

public class DriftExitCodeTests
{
    [Fact]
    public void Of_InSync_Zero() => Assert.Equal(0, DriftExitCode.Of(SampleReports.InSync()));

    [Fact]
    public void Of_Drifted_Two() => Assert.Equal(2, DriftExitCode.Of(SampleReports.Mixed()));

    [Fact]
    public void Of_Stalled_Two() => Assert.Equal(2, DriftExitCode.Of(SampleReports.WithStall()));

    [Theory]
    [InlineData(ReportStatus.Failed)]
    [InlineData(ReportStatus.Converging)]
    public void Of_FailedOrConvergingWithoutDifferingResources_Two(ReportStatus status) =>
        Assert.Equal(2, DriftExitCode.Of(SampleReports.InSync() with { Status = status }));

    [Fact]
    public void Of_OnlySuspendedResourcesDiffer_Two()
    {
        var report = SampleReports.InSync();
        var suspended = report with
        {
            Status = ReportStatus.Suspended,
            Resources = ValueList.From(report.Resources.Select(r => r with { Status = ResourceStatus.Suspended, Cause = DriftCause.Host })),
        };

        Assert.Equal(2, DriftExitCode.Of(suspended));
    }

    [Fact]
    public void Of_SuspendedResourcesMatchingTheRevision_Zero()
    {
        var report = SampleReports.InSync();
        var suspended = report with
        {
            Status = ReportStatus.Suspended,
            Resources = ValueList.From(report.Resources.Select(r => r with { Status = ResourceStatus.Suspended, Cause = null })),
        };

        Assert.Equal(0, DriftExitCode.Of(suspended));
    }

    [Theory]
    [InlineData(ResourceStatus.Missing)]
    [InlineData(ResourceStatus.Extra)]
    [InlineData(ResourceStatus.Failed)]
    [InlineData(ResourceStatus.RolledBack)]
    public void Of_ResourceNotInSync_Two(ResourceStatus status)
    {
        var report = SampleReports.InSync();

        Assert.Equal(2, DriftExitCode.Of(report with { Resources = ValueList.Of(report.Resources[0] with { Status = status }) }));
    }

    [Theory]
    [InlineData("backup", 2)]
    [InlineData("cleanup", 2)]
    [InlineData("report", 0)]
    public void Of_InSyncHostWithOneTask_FollowsTheTask(string task, int expected)
    {
        var report = SampleReports.InSync() with { Tasks = ValueList.From(SampleReports.Tasks().Where(t => t.Name == task)) };

        Assert.Equal(expected, DriftExitCode.Of(report));
    }

    [Fact]
    public void Of_TaskSuspendedOnThisHost_Two()
    {
        var local = SampleReports.Tasks().Single(t => t.Name == "report") with { SuspendedBy = "alice on this host" };

        Assert.Equal(2, DriftExitCode.Of(SampleReports.InSync() with { Tasks = ValueList.Of(local) }));
    }
}
