namespace GitOps.Reconciler.Reporting;

/// <summary>How one reconcile ended, for metrics (<c>outcome</c> label) and notifications.</summary>
public enum ReconcileOutcome
{
    /// <summary>Nothing to do: the host already matched the revision.</summary>
    NoChanges,

    /// <summary>The plan was applied (in full).</summary>
    Applied,

    /// <summary>A stage failed (fetch, apply, health gate, prune); retried with backoff.</summary>
    Failed,

    /// <summary>The revision cannot be applied (invalid, unverified, refused) until a new commit arrives.</summary>
    Stalled,
}
