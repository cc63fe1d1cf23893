namespace GitOps.Reconciler.Compose;

/// <summary>What a service's <c>deploy:</c> section means on a single engine: replicas, limits, a restart policy and the update order.</summary>
/// <param name="Restart">The restart policy from <c>deploy.restart_policy</c> in <c>restart:</c> syntax, or null when not set.</param>
/// <param name="Devices">Device requests from <c>deploy.resources.reservations.devices</c>, in the order written.</param>
/// <param name="OrderAt">Where <c>update_config.order</c> is written, to point a warning at; null when it is not.</param>
internal sealed record DeploySettings(
    int? Replicas, ResourceLimits Limits, string? Restart, IReadOnlyList<DeviceRequestSpec> Devices, UpdateOrder Order = UpdateOrder.StopFirst,
    Diagnostics.SourcePosition? OrderAt = null)
{
    public static readonly DeploySettings None = new(null, ResourceLimits.None, null, []);
}
