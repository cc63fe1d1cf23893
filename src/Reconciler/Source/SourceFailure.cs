namespace GitOps.Reconciler.Source;

/// <summary>Why the source stage failed; maps onto the reconcile's outcome reasons.</summary>
public enum SourceFailure
{
    /// <summary>The remote could not be reached, the ref is missing, or the fetch failed. Retried with backoff.</summary>
    FetchFailed,

    /// <summary>The revision is not signed by an allowed key. Stalled until a new commit.</summary>
    VerificationFailed,

    /// <summary>The revision cannot be used as desired state (e.g. the configured sub-path is missing). Stalled until a new commit.</summary>
    InvalidRevision,
}
