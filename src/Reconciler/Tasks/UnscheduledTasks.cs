using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The tasks kind where the agent has no job store yet: nothing is scheduled, so <c>plan</c> shows every task targeted
/// at the host as a create. Planning only; applying belongs to the daemon's scheduler.
/// </summary>
public sealed class UnscheduledTasks : ITaskKind
{
    public static readonly UnscheduledTasks Instance = new();

    public Task<TaskPlan> PlanAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return Task.FromResult(TaskPlanner.Plan(desired.Tasks, ValueList<ScheduledTask>.Empty));
    }

    public Task ApplyAsync(TaskPlan plan, string? revision, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("tasks are scheduled by the daemon's job store, which this agent has not opened");
}
