using GitOps.Reconciler.Models;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>How the models' outcomes weigh in the pass's status: a failure is an apply failure (retried with backoff), a
/// new rollback a failed health gate (not retried: the model is held).</summary>
public static class ModelResults
{
    public static ReconcileStatus StatusOf(IReadOnlyList<ModelOutcome>? outcomes) =>
        outcomes is null ? ReconcileStatus.Unchanged
        : outcomes.Any(o => o.Status is ModelStatus.Failed or ModelStatus.Refused) ? ReconcileStatus.ApplyFailed
        : outcomes.Any(o => o.Status == ModelStatus.RolledBack && o.Message is not null && !o.Message.StartsWith("rolled back:", StringComparison.Ordinal)) ? ReconcileStatus.HealthCheckFailed
        : outcomes.Any(o => o.Status is ModelStatus.Switched or ModelStatus.Healed or ModelStatus.Removed) ? ReconcileStatus.Converged
        : ReconcileStatus.Unchanged;

    public static string? FirstFailure(IReadOnlyList<ModelOutcome>? outcomes) =>
        outcomes?.Where(o => o.Status is ModelStatus.Failed or ModelStatus.Refused or ModelStatus.RolledBack && o.Message is not null)
            .Select(o => o.Message).FirstOrDefault();
}
