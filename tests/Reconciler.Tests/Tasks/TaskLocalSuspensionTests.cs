using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Tasks;

namespace GitOps.Reconciler.Tests.Tasks;

public sealed class TaskLocalSuspensionTests
{
    [Fact]
    public void Plan_TaskSuspendedLocallyWhileScheduled_UpdatePausesIt()
    {
        var spec = TaskFixtures.Spec();
        var desired = TaskLocalSuspension.Apply(new Dictionary<string, TaskSpec> { ["backup"] = spec }, ["backup"]);

        var change = Assert.Single(TaskPlanner.Plan(desired, [TaskFixtures.Scheduled(spec)]).Changes);

        Assert.Equal(ChangeAction.Update, change.Action);
        var field = Assert.Single(change.Changes);
        Assert.Equal(("suspended", "true", "false"), (field.Field, field.Desired, field.Actual));
    }

    [Fact]
    public void Plan_ResumedLocallyWhilePaused_UpdateUnpausesIt()
    {
        var spec = TaskFixtures.Spec();
        var paused = TaskFixtures.Scheduled(spec with { Suspended = true });

        var change = Assert.Single(TaskPlanner.Plan(TaskLocalSuspension.Apply(new Dictionary<string, TaskSpec> { ["backup"] = spec }, []), [paused]).Changes);

        Assert.Equal(ChangeAction.Update, change.Action);
    }

    [Fact]
    public void Apply_OtherTasks_Untouched()
    {
        var spec = TaskFixtures.Spec("cleanup");

        var desired = TaskLocalSuspension.Apply(new Dictionary<string, TaskSpec> { ["cleanup"] = spec }, ["backup"]);

        Assert.Same(spec, desired["cleanup"]);
    }
}
