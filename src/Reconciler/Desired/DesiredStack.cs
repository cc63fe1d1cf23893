using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Desired;

/// <summary>A stack targeted at the host: its compose project plus the policies of its stack.yaml.</summary>
public sealed record DesiredStack(StackSpec Compose, StackPolicy Policy);
