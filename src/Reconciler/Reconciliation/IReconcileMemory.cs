using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>What a reconcile needs to remember between passes: rolled-back specs, local suspensions, history.</summary>
public interface IReconcileMemory
{
    Task<PlanningContext> LoadContextAsync(CancellationToken cancellationToken);

    Task RecordAsync(ReconcileResult result, CancellationToken cancellationToken);
}
