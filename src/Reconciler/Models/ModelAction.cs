namespace GitOps.Reconciler.Models;

public enum ModelAction
{
    NoOp,

    /// <summary>First install: nothing managed at the path yet.</summary>
    Create,

    /// <summary>Another version is linked (or the link points elsewhere): switch, then tell the consumers.</summary>
    Update,

    /// <summary>The wanted version is linked but a file differs or is missing: restored from the store.</summary>
    Heal,

    /// <summary>Rolled back earlier and held until git names another version.</summary>
    Held,

    /// <summary>The path policy refuses the model on this host.</summary>
    Refused,

    /// <summary>No longer in git for this host: the link the agent made, its versions and its record go.</summary>
    Remove,
}
