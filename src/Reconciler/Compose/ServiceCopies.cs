using System.Globalization;

namespace GitOps.Reconciler.Compose;

/// <summary>Whether two containers of a service can run side by side, as a start-first replace needs for a moment.</summary>
public static class ServiceCopies
{
    /// <summary>
    /// Why a second container of the service could not run beside the first, or null when it can: a fixed host port or
    /// a network namespace shared with the host or another container would be bound twice (the new container would fail
    /// or steal traffic), and a <c>container_name</c> names exactly one container.
    /// </summary>
    public static string? Conflict(ServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ContainerName is { } name)
        {
            return $"container_name '{name}' names one container";
        }
        if (spec.Ports.FirstOrDefault(p => p.HostPort is not null) is { } port)
        {
            return $"it publishes host port {port.HostPort!.Value.ToString(CultureInfo.InvariantCulture)}/{port.Protocol}";
        }
        if (spec.NetworkMode is { } mode && (mode == "host" || mode.StartsWith("service:", StringComparison.Ordinal) || mode.StartsWith("container:", StringComparison.Ordinal)))
        {
            return $"network_mode '{mode}' shares one network namespace, whose ports two copies would both bind";
        }
        return null;
    }
}
