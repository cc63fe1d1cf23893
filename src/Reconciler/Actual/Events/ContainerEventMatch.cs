namespace GitOps.Reconciler.Actual.Events;

/// <summary>
/// A managed container's event: the stack to re-probe, and for logs the service (when labelled), container
/// name and what happened (<see cref="Detail"/>: the health status, the exit code, or the old name).
/// </summary>
public sealed record ContainerEventMatch(string Stack, string? Service, string Container, ContainerEventKind Kind, string? Detail);
