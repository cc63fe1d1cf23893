using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.SelfHeal;

/// <summary>
/// What one refresh did: the report it published (null when no plan could be made, e.g. the engine was away), the
/// resources (<c>stack/name</c>) it asked to correct, and those it held back because their backoff has not expired.
/// </summary>
public sealed record DriftRefresh(DriftReport? Report, IReadOnlyList<string> Corrected, IReadOnlyList<string> HeldBack)
{
    public static readonly DriftRefresh Skipped = new(null, [], []);
}
