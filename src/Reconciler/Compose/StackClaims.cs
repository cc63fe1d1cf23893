using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// What a stack takes for itself on its host, each with where it was written: its compose project name, its
/// container names (given or generated) and its published host ports. Two stacks on one host must not share any
/// of them; the engine would refuse the second container, or worse, one stack would manage the other's.
/// </summary>
/// <param name="ProjectName">Where the project name comes from: <c>name:</c>, or the start of the compose file.</param>
public sealed record StackClaims(SourcePosition ProjectName, ValueList<ContainerNameClaim> ContainerNames, ValueList<PortClaim> Ports);
