using GitOps.Daemon.Rendering;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Planning;

/// <summary>
/// An old container of a start-first replace, renamed out of the way once its replacement passed: not part of its service,
/// no drift (the report can say in sync while it is stopped), but still a change for the apply, which removes it.
/// </summary>
public class PlannerRetiringTests
{
    private static readonly GitOps.Reconciler.Compose.ServiceSpec Web = Given.Service("web");

    [Fact]
    public void Plan_OldContainerRetiringBesideItsReplacement_ServiceUpToDateAndStackListsIt()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var old = Given.Container("demo", Given.Service("web", Given.WebV2)) with
        {
            Id = "0123456789abcdef",
            Name = ServiceSteps.RetiringName("demo-web-1", "0123456789abcdef"),
        };
        var actual = Given.Deployed(desired).AddContainer("demo", old);

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.NoOp, web.Action);
        Assert.DoesNotContain(web.Existing, c => c.Id == old.Id);
        var stack = Assert.Single(plan.Stacks);
        Assert.Equal([old.Id], stack.Retiring.Select(c => c.Id));
        Assert.True(plan.HasChanges);
        var report = DriftReportBuilder.Build(new DriftReportInput(plan, null, DateTimeOffset.UnixEpoch));
        Assert.Equal(ReportStatus.InSync, report.Status);
    }

    [Fact]
    public void Render_RetiringContainerLeftByAKilledPass_PlanListsItsRemovalUnderItsOwnNameAndCountsIt()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var old = Given.Container("demo", Given.Service("web", Given.WebV2)) with
        {
            Id = "0123456789abcdef",
            Name = ServiceSteps.RetiringName("demo-web-1", "0123456789abcdef"),
        };
        var plan = Planner.Plan(desired, Given.Deployed(desired).AddContainer("demo", old), PlanningContext.Empty);

        var text = PlanText.Render(plan);

        Assert.Contains("  - service demo/demo-web-1_retiring_0123456789ab: delete (" + PlanReasons.Retiring + ")\n", text, StringComparison.Ordinal);
        Assert.Contains("\nPlan: 0 to create, 0 to update, 0 to replace, 1 to delete.\n", text, StringComparison.Ordinal);
        var listed = PlanJson.Document(plan).Stacks.Single().Changes;
        Assert.Contains(listed, c => c.Name == "demo-web-1_retiring_0123456789ab" && c.Action == "delete");
        Assert.Contains(listed, c => c.Name == "web" && c.Action == "noOp");
    }

    [Fact]
    public void IsRetiring_OnlyTheRetiringNameOfAnId()
    {
        Assert.Equal("demo-web-1_retiring_0123456789ab", ServiceSteps.RetiringName("demo-web-1", "0123456789abcdef"));
        Assert.True(ServiceSteps.IsRetiring(Given.Container("demo", Web) with { Name = "demo-web-1_retiring_0123456789ab" }));
        Assert.False(ServiceSteps.IsRetiring(Given.Container("demo", Web) with { Name = "demo-web-1_0123456789ab" }));
        Assert.False(ServiceSteps.IsRetiring(Given.Container("demo", Web) with { Name = "my_retiring_service" }));
    }
}
