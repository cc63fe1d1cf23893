using GitOps.Reconciler.Reporting;

namespace GitOps.Reconciler.Tests.Reporting;

public class PlanSummaryTests
{
    [Fact]
    public void Of_MixedPlan_CountsAppliedChangesAndSuspendedApart()
    {
        Assert.Equal(new PlanSummary(Create: 1, Update: 1, Replace: 1, Delete: 2, Unchanged: 2, Suspended: 2), PlanSummary.Of(SamplePlans.Mixed()));
    }

    [Fact]
    public void Of_UpToDatePlan_OnlyUnchanged()
    {
        Assert.Equal(new PlanSummary(0, 0, 0, 0, 3, 0), PlanSummary.Of(SamplePlans.UpToDate()));
    }

    [Fact]
    public void ToString_WithoutSuspended_PlainCounts()
    {
        Assert.Equal("1 to create, 2 to update, 3 to replace, 4 to delete", new PlanSummary(1, 2, 3, 4, 5, 0).ToString());
    }
}
