using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// What a stack takes for itself on its host, each with where it was written: its compose project name, its
/// container names (given or generated) and its published host ports. Two stacks on one host must not share any
/// of them; the engine would refuse the second container, or worse, one stack would manage the other's.
/// </summary>
/// <param name="ProjectName">Where the project name comes from: <c>name:</c>, or the start of the compose file.</param>
public sealed record StackClaims(SourcePosition ProjectName, ValueList<ContainerNameClaim> ContainerNames, ValueList<PortClaim> Ports)
{
    public static StackClaims None(string composeFile) =>
        new(SourcePosition.StartOf(composeFile), ValueList<ContainerNameClaim>.Empty, ValueList<PortClaim>.Empty);
}

/// <summary>A container name: <c>container_name:</c>, or compose's <c>&lt;project&gt;-&lt;service&gt;-&lt;n&gt;</c> at the service's key.</summary>
public sealed record ContainerNameClaim(string Name, string Service, SourcePosition Position);

/// <summary>A published host port of a service, at the <c>ports:</c> item that publishes it.</summary>
public sealed record PortClaim(PortBinding Binding, string Service, int Replicas, SourcePosition Position);
