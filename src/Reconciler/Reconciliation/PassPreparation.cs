namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// What the preparing part of a pass found (<see cref="ReconcileCycle.PrepareAsync"/>: Poll, Fetch, Verify, Materialize
/// and the pull stage), for <see cref="ReconcileCycle.CompleteAsync"/> to act on. Exactly one of the outcomes is set:
/// the git source failed, the ref still points at the stalled commit, the new commit was refused, or a revision to converge.
/// </summary>
public sealed record PassPreparation(DateTimeOffset Started, bool Requested)
{
    /// <summary>The git source failed (poll or fetch): the host is kept on the last good revision.</summary>
    public string? SourceError { get; init; }

    /// <summary>The ref still points at the stalled commit.</summary>
    public bool StillStalled { get; init; }

    /// <summary>The new commit failed Verify or could not be materialized as a valid revision: it is stalled.</summary>
    public ReconcileResult? Refused { get; init; }

    /// <summary>The revision to converge: the last good one, or a new one (<see cref="IsNew"/>).</summary>
    public GoodRevision? Revision { get; init; }

    public bool IsNew { get; init; }

    /// <summary>The staged rollout's word on the new revision; null without <c>rollout:</c> or a fleet store.</summary>
    public GitOps.Reconciler.Rollout.RolloutDecision? Rollout { get; init; }

    /// <summary>What the pull stage did for <see cref="Revision"/>; null when it did not run (nothing new to deploy).</summary>
    public Apply.PulledImages? Pulled { get; init; }
}
