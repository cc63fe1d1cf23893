using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>A container name: <c>container_name:</c>, or compose's <c>&lt;project&gt;-&lt;service&gt;-&lt;n&gt;</c> at the service's key.</summary>
public sealed record ContainerNameClaim(string Name, string Service, SourcePosition Position);
