namespace GitOps.Reconciler.Actual.Events;

/// <summary>
/// A managed container's event: the stack to re-probe, and for logs the service (when labelled), container
/// name and what happened (<see cref="Detail"/>: the health status, the exit code, the old name, or the network).
/// </summary>
public sealed record ContainerEventMatch(string Stack, string? Service, string Container, ContainerEventKind Kind, string? Detail)
{
    /// <summary>The engine's id of the container involved, when the event names it.</summary>
    public string? ContainerId { get; init; }

    /// <summary>
    /// True for events that can change what a container is made of (created, renamed, networks joined or left) rather
    /// than only whether it runs: its config-hash label proves nothing afterwards, so it is inspected.
    /// </summary>
    public bool ChangesSpec => Kind is ContainerEventKind.Create or ContainerEventKind.Rename
        or ContainerEventKind.NetworkConnect or ContainerEventKind.NetworkDisconnect;
}
