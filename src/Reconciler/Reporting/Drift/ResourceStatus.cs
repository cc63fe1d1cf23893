namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>How one resource compares with the revision.</summary>
public enum ResourceStatus
{
    InSync,
    Drifted,
    Missing,
    Extra,
    Failed,
    RolledBack,
    Suspended,

    /// <summary>Its container keeps dying on its own and is restarted (restart policy or self-heal): <c>exitCode</c> and <c>logs</c> say why.</summary>
    CrashLooping,
}
