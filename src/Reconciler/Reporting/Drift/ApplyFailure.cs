namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>How applying a resource went wrong.</summary>
public enum ApplyFailure
{
    Failed,
    RolledBack,
}
