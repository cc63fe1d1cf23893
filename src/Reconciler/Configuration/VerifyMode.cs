namespace GitOps.Reconciler.Configuration;

/// <summary>What must be signed before a revision is applied.</summary>
public enum VerifyMode
{
    /// <summary>No signature check (the default).</summary>
    Off,

    /// <summary>The commit itself carries a valid signature.</summary>
    Head,

    /// <summary>The followed ref is an annotated tag carrying a valid signature.</summary>
    Tag,
}
