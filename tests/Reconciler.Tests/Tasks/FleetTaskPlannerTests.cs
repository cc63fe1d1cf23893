using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Tasks;
using static GitOps.Reconciler.Tests.Tasks.TaskFixtures;

namespace GitOps.Reconciler.Tests.Tasks;

public class FleetTaskPlannerTests
{
    private static TaskSpec Fleet(string name, string group) => Spec(name) with { RunOn = group };

    private static Dictionary<string, TaskSpec> Desired(params TaskSpec[] tasks) => tasks.ToDictionary(t => t.Name, StringComparer.Ordinal);

    [Fact]
    public void Plan_FleetTaskNotInStore_CreateNamedWithItsGroup()
    {
        var plan = FleetTaskPlanner.Plan(Desired(Fleet("backup", "prod"), Spec("local")), [], ["prod"]);

        var change = Assert.Single(plan.Changes);
        Assert.Equal(("backup@prod", ChangeAction.Create, "prod"), (change.Task, change.Action, change.RunOn));
        Assert.Equal("backup", FleetTaskPlanner.TaskOf(change));
    }

    [Fact]
    public void Plan_SameDefinitionInStore_NoOp()
    {
        var task = Fleet("backup", "prod");

        var plan = FleetTaskPlanner.Plan(Desired(task), [Scheduled(task)], ["prod"]);

        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_TaskMovedToAnotherGroup_DeleteOldKeyCreateNew()
    {
        var plan = FleetTaskPlanner.Plan(Desired(Fleet("backup", "fleet")), [Scheduled(Fleet("backup", "prod"))], ["prod"]);

        Assert.Equal(
            [("backup@fleet", ChangeAction.Create), ("backup@prod", ChangeAction.Delete)],
            plan.Changes.Select(c => (c.Task, c.Action)));
    }

    [Fact]
    public void Plan_JobOfAGroupTheHostIsNotIn_LeftAlone()
    {
        var plan = FleetTaskPlanner.Plan(Desired(), [Scheduled(Fleet("train", "gpu"))], ["prod"]);

        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void Plan_JobOfAGroupTheInventoryNoLongerDefines_DeletedByAnyHost()
    {
        var plan = FleetTaskPlanner.Plan(
            Desired(), [Scheduled(Fleet("train", "gpu")), Scheduled(Fleet("report", "staging"))], ["prod"], inventoryGroups: ["prod", "staging"]);

        Assert.Equal(("train@gpu", ChangeAction.Delete), (Assert.Single(plan.Changes).Task, plan.Changes[0].Action));
    }

    [Fact]
    public void Plan_FleetJobNoLongerInGit_DeletedByAHostOfTheGroup()
    {
        var plan = FleetTaskPlanner.Plan(Desired(), [Scheduled(Fleet("backup", "fleet"))], ["prod"]);

        Assert.Equal(("backup@fleet", ChangeAction.Delete), (Assert.Single(plan.Changes).Task, plan.Changes[0].Action));
    }

    [Fact]
    public void Plan_ScheduleChanged_UpdateWithTheField()
    {
        var plan = FleetTaskPlanner.Plan(
            Desired(Fleet("backup", "prod") with { Schedule = "30 * * * *", QuartzCrons = GitOps.Reconciler.Common.ValueList.Of("0 30 * * * ?") }),
            [Scheduled(Fleet("backup", "prod"))], ["prod"]);

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Contains(change.Changes, f => f.Field == "schedule");
    }

    [Fact]
    public void HostTasks_LeavesFleetTasksToTheFleetStore()
    {
        var tasks = TaskSchedule.HostTasks(Desired(Fleet("backup", "prod"), Spec("local")));

        Assert.Equal(["local"], tasks.Keys);
    }

    [Fact]
    public void Keys_SameTaskInTwoGroups_DifferentJobsAndExecutionGroups()
    {
        Assert.NotEqual(FleetTaskKeys.Job("backup", "prod"), FleetTaskKeys.Job("backup", "gpu"));
        Assert.Equal("prod", FleetTaskKeys.RunOnOf(FleetTaskKeys.Job("backup", "prod")));
        Assert.Null(FleetTaskKeys.RunOnOf(TaskKeys.Job("backup")));
        Assert.Equal(["fleet", "group:gpu", "group:prod"], FleetTaskKeys.Served(["prod", "gpu"]));
    }

    [Fact]
    public void DriftSection_FleetTaskFiredElsewhere_InSyncWithTheHostThatFired()
    {
        var task = Fleet("backup", "prod");
        var fired = new FleetTaskRun("prod", "backup", new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero), "web-2");

        var section = FleetDriftTaskBuilder.Build(
            Desired(task), [Scheduled(task), Scheduled(Fleet("train", "gpu"))], ["prod"],
            new Dictionary<string, FleetTaskRun> { ["backup@prod"] = fired }, new Dictionary<string, TaskRunRecord>());

        var drift = Assert.Single(section);
        Assert.Equal(("backup@prod", DriftTaskStatus.InSync, "prod", "web-2"), (drift.Name, drift.Status, drift.RunOn, drift.LastFiredOn));
        Assert.Equal(fired.ScheduledAt, drift.LastFiredFor);
    }

    [Fact]
    public void DriftSection_FleetTaskNotYetInStore_Missing()
    {
        var section = FleetDriftTaskBuilder.Build(
            Desired(Fleet("backup", "prod")), [], ["prod"], new Dictionary<string, FleetTaskRun>(), new Dictionary<string, TaskRunRecord>());

        Assert.Equal(DriftTaskStatus.Missing, Assert.Single(section).Status);
    }
}
