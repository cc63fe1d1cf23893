namespace GitOps.Reconciler.Reporting.Notifications;

/// <summary>The transitions people are told about.</summary>
public enum NotificationEvent
{
    /// <summary>A revision was applied.</summary>
    Deployed,

    /// <summary>A reconcile, or a resource, failed.</summary>
    Failed,

    /// <summary>A service failed its health gate and runs its previous spec again.</summary>
    RolledBack,

    /// <summary>A resource was changed on the host.</summary>
    DriftDetected,

    /// <summary>A resource changed on the host is back as the revision says.</summary>
    DriftResolved,

    /// <summary>The revision cannot be applied until a new commit arrives.</summary>
    Stalled,

    /// <summary>A service's container keeps dying and being restarted (sent once when it starts looping).</summary>
    CrashLooping,

    /// <summary>The followed ref moved to a commit that does not descend from the previous one (a force-push).</summary>
    HistoryRewritten,

    /// <summary>A scheduled task whose last run failed ran successfully again.</summary>
    Recovered,
}
