namespace GitOps.Reconciler.Compose;

/// <summary>What a service's <c>deploy:</c> section means on a single engine: replicas, limits and a restart policy.</summary>
/// <param name="Restart">The restart policy from <c>deploy.restart_policy</c> in <c>restart:</c> syntax, or null when not set.</param>
/// <param name="Devices">Device requests from <c>deploy.resources.reservations.devices</c>, in the order written.</param>
internal sealed record DeploySettings(int? Replicas, ResourceLimits Limits, string? Restart, IReadOnlyList<DeviceRequestSpec> Devices)
{
    public static readonly DeploySettings None = new(null, ResourceLimits.None, null, []);
}
