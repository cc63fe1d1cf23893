using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The tasks kind as the reconcile pass sees it: plan the host's tasks against the scheduler's store, and apply
/// that plan. Present only where a scheduler runs (the daemon); one-shot commands leave tasks to it.
/// </summary>
public interface ITaskKind
{
    Task<TaskPlan> PlanAsync(DesiredState desired, CancellationToken cancellationToken);

    Task ApplyAsync(TaskPlan plan, string? revision, CancellationToken cancellationToken);
}
