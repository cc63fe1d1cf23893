using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Tasks;
using static GitOps.Reconciler.Tests.Tasks.TaskFixtures;

namespace GitOps.Reconciler.Tests.Tasks;

public class TaskPlannerTests
{
    private static TaskPlan Plan(IEnumerable<TaskSpec> desired, params ScheduledTask[] scheduled) =>
        TaskPlanner.Plan(desired.ToDictionary(s => s.Name), scheduled);

    [Fact]
    public void Plan_SameSpecAsStored_NoOp()
    {
        var plan = Plan([Spec()], Scheduled(Spec()));
        Assert.False(plan.HasChanges);
        Assert.Equal(ChangeAction.NoOp, Assert.Single(plan.Changes).Action);
    }

    [Fact]
    public void Plan_NewTask_Create()
    {
        var change = Assert.Single(Plan([Spec()]).Changes);
        Assert.Equal(ChangeAction.Create, change.Action);
        Assert.Equal(Spec(), change.Desired);
    }

    [Fact]
    public void Plan_TaskGoneFromGit_Delete()
    {
        var change = Assert.Single(Plan([], Scheduled(Spec())).Changes);
        Assert.Equal(ChangeAction.Delete, change.Action);
        Assert.Null(change.Desired);
    }

    [Fact]
    public void Plan_ScheduleChanged_UpdateNamesScheduleAndQuartzFields()
    {
        var change = Assert.Single(Plan([Spec(schedule: "0 * * * *")], Scheduled(Spec(schedule: "30 * * * *", cron: "0 30 * * * ?"))).Changes);
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Contains(new FieldChange("schedule", "0 * * * *", "30 * * * *"), change.Changes);
        Assert.Contains(new FieldChange("quartz", "[0 0 * * * ?]", "[0 30 * * * ?]"), change.Changes);
        Assert.Equal("task backup: schedule: want \"0 * * * *\", have \"30 * * * *\"; quartz: want \"[0 0 * * * ?]\", have \"[0 30 * * * ?]\"", change.ToString());
    }

    [Fact]
    public void Plan_TriggerChangedInStoreOnly_UpdateFromTheTriggersNotTheStoredSpec()
    {
        // The stored spec says hourly but the trigger in the store fires at :30: the trigger is what runs.
        var drifted = Scheduled(Spec()) with { Crons = ValueList.Of("0 30 * * * ?"), TimeZone = "Europe/Berlin", Paused = true };
        var change = Assert.Single(Plan([Spec()], drifted).Changes);
        Assert.Equal(["quartz", "suspended", "timeZone"], change.Changes.Select(c => c.Field).Order());
    }

    [Fact]
    public void Plan_SecretEnvironmentChanged_ValuesMasked()
    {
        var want = Spec() with { Environment = ValueMap.From([KeyValuePair.Create("RCLONE_PASSWORD", "new")]) };
        var have = Spec() with { Environment = ValueMap.From([KeyValuePair.Create("RCLONE_PASSWORD", "old")]) };
        var change = Assert.Single(Plan([want], Scheduled(have)).Changes);
        Assert.Equal(new FieldChange("environment.RCLONE_PASSWORD", "******", "******"), Assert.Single(change.Changes));
    }

    [Fact]
    public void Plan_PolicyFieldsChanged_EachNamed()
    {
        var want = Spec() with { Concurrency = TaskConcurrency.Replace, Missed = TaskMissedPolicy.Skip, Retries = 2, Network = "ocr_default", Exec = null };
        var change = Assert.Single(Plan([want], Scheduled(Spec())).Changes);
        Assert.Equal(["concurrency", "missed", "network", "retries"], change.Changes.Select(c => c.Field).Order());
    }

    [Fact]
    public void StoredTask_RoundTrip_KeepsEveryField()
    {
        var spec = Spec() with
        {
            Exec = new TaskExecTarget("ocr", "worker"), User = "1000", WorkingDir = "/w", Network = "ocr_default", PullAlways = true,
            RandomDelay = TimeSpan.FromMinutes(5), Concurrency = TaskConcurrency.Allow, Missed = TaskMissedPolicy.Skip,
            StartingDeadline = TimeSpan.FromMinutes(20), Retries = 3, RetryDelay = TimeSpan.FromSeconds(7), Suspended = true,
        };
        Assert.Equal(spec, StoredTask.Read(StoredTask.Write(spec)));
    }
}
