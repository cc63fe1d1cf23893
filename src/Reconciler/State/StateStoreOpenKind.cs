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
