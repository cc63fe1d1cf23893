namespace GitOps.Reconciler.Actual.Events;

/// <summary>The container and network events that can change a drift report.</summary>
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

    /// <summary>A container was created: one the agent did not create is inspected, whatever its labels say.</summary>
    Create,

    /// <summary>A container joined a network of a managed stack (<c>docker network connect</c>).</summary>
    NetworkConnect,

    /// <summary>A container left a network of a managed stack (<c>docker network disconnect</c>).</summary>
    NetworkDisconnect,
}
