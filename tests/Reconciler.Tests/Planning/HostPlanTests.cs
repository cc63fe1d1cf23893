using GitOps.Daemon.Rendering;
using System.Text.Json;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tasks;
using GitOps.Reconciler.Tests.Tasks;

namespace GitOps.Reconciler.Tests.Planning;

/// <summary>The host plan: one part per kind (stacks, tasks), the ordering edges between them, every kind in the output.</summary>
public class HostPlanTests
{
    private static readonly DesiredState Ocr = Given.Desired(Given.Stack("ocr", Given.Service("web")));

    private static TaskPlan Tasks(IEnumerable<TaskSpec> desired, params ScheduledTask[] scheduled) =>
        TaskPlanner.Plan(desired.ToDictionary(s => s.Name), scheduled);

    private static Plan HostPlan(DesiredState desired, GitOps.Reconciler.Actual.ActualState actual, TaskPlan tasks) =>
        Planner.Plan(desired, actual, PlanningContext.Empty).With(tasks);

    [Fact]
    public void Plan_StacksUpToDateTaskChanged_HasChanges()
    {
        var tasks = Tasks([TaskFixtures.Spec(schedule: "0 * * * *")], TaskFixtures.Scheduled(TaskFixtures.Spec(schedule: "30 * * * *", cron: "0 30 * * * ?")));

        var plan = HostPlan(Ocr, Given.Deployed(Ocr), tasks);

        Assert.False(plan.Stacks.Single().HasChanges);
        Assert.True(plan.HasChanges);
        Assert.Equal([StacksPlan.KindName, TaskPlan.KindName], plan.Kinds.Select(k => k.Kind));
    }

    [Fact]
    public void Plan_NothingChangesAnywhere_NoChanges()
    {
        var plan = HostPlan(Ocr, Given.Deployed(Ocr), Tasks([TaskFixtures.Spec()], TaskFixtures.Scheduled(TaskFixtures.Spec())));

        Assert.False(plan.HasChanges);
        Assert.Equal(new PlanSummary(0, 0, 0, 0, 3, 0), PlanSummary.Of(plan));
    }

    [Fact]
    public void With_SameKindTwice_ReplacesItsPart()
    {
        var plan = HostPlan(Ocr, Given.Deployed(Ocr), Tasks([TaskFixtures.Spec()])).With(TaskPlan.Empty);

        Assert.Equal(TaskPlan.Empty, Assert.Single(plan.Kinds.OfType<TaskPlan>()));
    }

    [Fact]
    public void Edges_TaskJoinsAStackNetwork_NetworkBeforeTask()
    {
        var joining = TaskFixtures.Spec() with { Network = "ocr_default" };

        var plan = HostPlan(Ocr, Given.Deployed(Given.Desired()), Tasks([joining]));

        var edge = Assert.Single(plan.Edges);
        Assert.Equal(new ResourceRef(ResourceKind.Network, "ocr", "default"), edge.Before);
        Assert.Equal(new ResourceRef(ResourceKind.Task, "", "backup"), edge.After);
        Assert.Equal("network ocr/default before task backup (task backup joins network ocr_default)", edge.ToString());
    }

    [Fact]
    public void Edges_ExecTaskInAStackService_ServiceBeforeTask()
    {
        var exec = TaskFixtures.Spec() with { Exec = new TaskExecTarget("ocr", "web") };

        var plan = HostPlan(Ocr, Given.Deployed(Ocr), Tasks([exec]));

        Assert.Equal(new ResourceRef(ResourceKind.Container, "ocr", "web"), Assert.Single(plan.Edges).Before);
    }

    [Fact]
    public void Edges_TaskOnANetworkNoStackHas_None()
    {
        var plan = HostPlan(Ocr, Given.Deployed(Ocr), Tasks([TaskFixtures.Spec() with { Network = "elsewhere_default" }]));

        Assert.Empty(plan.Edges);
    }

    [Fact]
    public void ApplyOrder_KindNeedsAnother_AppliedAfterItWhateverThePlanOrder()
    {
        var joining = Tasks([TaskFixtures.Spec() with { Network = "ocr_default" }]);
        var stacks = Planner.Plan(Ocr, Given.Deployed(Given.Desired()), PlanningContext.Empty).Kinds.Single();
        var plan = new Plan(Given.Host, ValueList.Of<IKindPlan>(joining, stacks), ValueList<string>.Empty);

        Assert.Equal([StacksPlan.KindName, TaskPlan.KindName], plan.ApplyOrder.Select(k => k.Kind));
    }

    [Fact]
    public void ApplyOrder_NoEdges_PlanOrder()
    {
        var stacks = Planner.Plan(Ocr, Given.Deployed(Given.Desired()), PlanningContext.Empty).Kinds.Single();
        var plan = new Plan(Given.Host, ValueList.Of<IKindPlan>(Tasks([TaskFixtures.Spec()]), stacks), ValueList<string>.Empty);

        Assert.Equal([TaskPlan.KindName, StacksPlan.KindName], plan.ApplyOrder.Select(k => k.Kind));
    }

    [Fact]
    public void PlanText_TaskChanges_FieldByFieldLikeAnyResource()
    {
        var tasks = Tasks(
            [TaskFixtures.Spec(schedule: "0 * * * *"), TaskFixtures.Spec("report")],
            TaskFixtures.Scheduled(TaskFixtures.Spec(schedule: "30 * * * *", cron: "0 30 * * * ?")),
            TaskFixtures.Scheduled(TaskFixtures.Spec("old")));

        var text = PlanText.Render(HostPlan(Ocr, Given.Deployed(Ocr), tasks));

        Assert.Contains("tasks: converge\n", text, StringComparison.Ordinal);
        Assert.Contains("  ~ task backup: update (" + TaskChange.DefinitionChanged + ")\n      schedule: want 0 * * * *, have 30 * * * *\n", text, StringComparison.Ordinal);
        Assert.Contains("  + task report: create (" + TaskChange.NotScheduled + ")\n", text, StringComparison.Ordinal);
        Assert.Contains("  - task old: delete (" + TaskChange.Unscheduled + ")\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Plan: 1 to create, 1 to update, 0 to replace, 1 to delete.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanText_TaskJoiningANewNetwork_ShowsTheOrder()
    {
        var text = PlanText.Render(HostPlan(Ocr, Given.Deployed(Given.Desired()), Tasks([TaskFixtures.Spec() with { Network = "ocr_default" }])));

        Assert.Contains("order:\n  network ocr/default before task backup (task backup joins network ocr_default)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanJson_TaskChanges_ATasksPartAndEdges()
    {
        var tasks = Tasks([TaskFixtures.Spec(schedule: "0 * * * *") with { Network = "ocr_default" }],
            TaskFixtures.Scheduled(TaskFixtures.Spec(schedule: "30 * * * *", cron: "0 30 * * * ?") with { Network = "ocr_default" }));

        using var json = JsonDocument.Parse(PlanJson.Render(HostPlan(Ocr, Given.Deployed(Ocr), tasks)));

        var root = json.RootElement;
        Assert.True(root.GetProperty("hasChanges").GetBoolean());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("update").GetInt32());
        var section = Assert.Single(root.GetProperty("tasks").EnumerateArray());
        Assert.Equal("tasks", section.GetProperty("name").GetString());
        var change = Assert.Single(section.GetProperty("changes").EnumerateArray());
        Assert.Equal("task", change.GetProperty("kind").GetString());
        Assert.Equal("backup", change.GetProperty("name").GetString());
        Assert.Equal("update", change.GetProperty("action").GetString());
        Assert.Contains(change.GetProperty("fields").EnumerateArray(), f =>
            f.GetProperty("field").GetString() == "schedule" && f.GetProperty("desired").GetString() == "0 * * * *"
            && f.GetProperty("actual").GetString() == "30 * * * *");
        var edge = Assert.Single(root.GetProperty("edges").EnumerateArray());
        Assert.Equal("network", edge.GetProperty("before").GetProperty("kind").GetString());
        Assert.Equal("task", edge.GetProperty("after").GetProperty("kind").GetString());
    }

    [Fact]
    public void PlanJson_StacksOnly_StacksArrayAsBeforeAndNoEdges()
    {
        using var json = JsonDocument.Parse(PlanJson.Render(Planner.Plan(Ocr, Given.Deployed(Ocr), PlanningContext.Empty)));

        Assert.Single(json.RootElement.GetProperty("stacks").EnumerateArray());
        Assert.False(json.RootElement.TryGetProperty("tasks", out _));
        Assert.Empty(json.RootElement.GetProperty("edges").EnumerateArray());
    }
}
