using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Desired;

/// <summary>A stack targeted at the host: its compose project plus the policies of its stack.yaml.</summary>
public sealed record DesiredStack(StackSpec Compose, StackPolicy Policy);

/// <param name="Suspended">Reported but never touched.</param>
/// <param name="SelfHeal">Correct drift caused on the host (default true).</param>
/// <param name="RemoveVolumes">Remove the stack's named volumes when it is torn down (default false: kept).</param>
public sealed record StackPolicy(bool Suspended = false, bool SelfHeal = true, bool RemoveVolumes = false)
{
    public static readonly StackPolicy Default = new();
}

/// <param name="AllowRemoveAllStacks">The repo explicitly allows a host to end up with no stacks at all.</param>
public sealed record FleetPolicy(bool AllowRemoveAllStacks = false)
{
    public static readonly FleetPolicy Default = new();
}
