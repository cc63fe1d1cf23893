namespace GitOps.Reconciler.Desired;

/// <param name="AllowRemoveAllStacks">The repo explicitly allows a host to end up with no stacks at all.</param>
public sealed record FleetPolicy(bool AllowRemoveAllStacks = false)
{
    public static readonly FleetPolicy Default = new();
}
