using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>A published host port of a service, at the <c>ports:</c> item that publishes it.</summary>
public sealed record PortClaim(PortBinding Binding, string Service, int Replicas, SourcePosition Position);
