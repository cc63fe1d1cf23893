namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>A resource's status in words, as tables and notifications show it.</summary>
public static class ResourceStatusText
{
    public static string Word(ResourceStatus status) => status switch
    {
        ResourceStatus.InSync => "in sync",
        ResourceStatus.RolledBack => "rolled back",
        ResourceStatus.CrashLooping => "crash looping",
        _ => status.ToString().ToLowerInvariant(),
    };
}
