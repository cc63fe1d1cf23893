using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Repository;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// The host side of a pass, as the pass sees it: Plan (LoadDesired, ProbeActual, Diff) a checked-out revision,
/// Apply a plan with changes, or Record a result that has nothing to apply (a refusal, a failed fetch, no changes).
/// </summary>
public interface IHostReconciler
{
    /// <summary>LoadDesired, ProbeActual and Plan; changes nothing and records nothing.</summary>
    /// <param name="revision">The commit whose materialized tree <paramref name="repo"/> is (its load may be reused while
    /// nothing else changed, see <see cref="DesiredStateKey"/>); null for a plain directory, which is loaded every time.</param>
    Task<ReconcileResult> PlanAsync(RepoDirectory repo, string host, string? revision, bool fullDrift, CancellationToken cancellationToken);

    /// <summary>Pulls the images a planned result's changes need, before its apply and outside the host lock.</summary>
    Task<PulledImages> PullAsync(ReconcileResult planned, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken);

    /// <summary>Applies a planned result with changes (without pulling again what <see cref="ReconcileResult.Pulled"/> holds), then records it.</summary>
    Task<ReconcileResult> ApplyAsync(ReconcileResult planned, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken);

    /// <summary>Records a result without applying anything (history, revisions).</summary>
    Task<ReconcileResult> RecordAsync(ReconcileResult result, CancellationToken cancellationToken);
}
