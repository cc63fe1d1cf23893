namespace GitOps.Reconciler.State;

public enum StateStoreOpenKind
{
    /// <summary>An existing, healthy state file was opened.</summary>
    Opened,

    /// <summary>There was no state file; an empty one was created.</summary>
    Created,

    /// <summary>The state file was unreadable or from an unknown schema; it was moved aside and an empty one created.</summary>
    Rebuilt,
}

/// <summary>How the store came up, so the caller can report a rebuilt state (the next reconcile re-derives it from the host).</summary>
/// <param name="MovedAside">Where the damaged file went, for <see cref="StateStoreOpenKind.Rebuilt"/>.</param>
public sealed record StateStoreOpening(StateStoreOpenKind Kind, string? MovedAside = null, string? Reason = null);
