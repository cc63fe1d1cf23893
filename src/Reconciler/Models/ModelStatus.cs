namespace GitOps.Reconciler.Models;

public enum ModelStatus
{
    InSync,

    /// <summary>Switched to the wanted version (and its consumers told).</summary>
    Switched,

    /// <summary>A file or the link was put back from the store.</summary>
    Healed,

    /// <summary>A download or verification failed: nothing switched, the previous version keeps serving.</summary>
    Failed,

    /// <summary>A consumer failed its gate after the switch: link and consumer are back on the previous version, held.</summary>
    RolledBack,

    Refused,

    /// <summary>No longer in git: its link, versions and record are gone (an adopted directory stays).</summary>
    Removed,
}
