namespace GitOps.Reconciler.Desired;

/// <param name="AllowRemoveAllStacks">The repo explicitly allows a host to end up with no stacks at all.</param>
public sealed record FleetPolicy(bool AllowRemoveAllStacks = false)
{
    /// <summary>inventory.yaml's <c>rollout:</c>: the waves a new commit goes through; null when every host takes it at once.</summary>
    public RolloutPolicy? Rollout { get; init; }

    /// <summary>Every group the inventory defines (null when not known): a fleet task job of a group that is gone is every host's to remove.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Common.ValueList<string>? Groups { get; init; }

    public static readonly FleetPolicy Default = new();
}
