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
}
