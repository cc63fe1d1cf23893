using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Repository;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>What every kind plans from: the host's desired state, the checked-out revision it was loaded from, and
/// whether to read actual state in full (<c>plan</c>, <c>drift --refresh</c>) instead of trusting what is cheap to check.</summary>
public sealed record KindPlanRequest(DesiredState Desired, RepoDirectory Repo, bool FullDrift)
{
    /// <summary>This host's key of the config-hash labels, the same one the desired state was hashed with.</summary>
    public Secrets.ConfigHashKey HashKey { get; init; } = Secrets.ConfigHashKey.Unkeyed;

    /// <summary>Hash kept files in full (the models' store, <c>drift --refresh</c>) instead of trusting unchanged stamps.</summary>
    public bool VerifyContent { get; init; }
}
