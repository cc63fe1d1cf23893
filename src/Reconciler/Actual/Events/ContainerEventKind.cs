namespace GitOps.Reconciler.Actual.Events;

/// <summary>The container events that can change a drift report.</summary>
public enum ContainerEventKind
{
    Die,
    Stop,
    Kill,
    Destroy,
    Oom,
    HealthStatus,
    Rename,
    Start,
}
