using Docker.DotNet.Models;
using GitOps.Reconciler.Engine;

namespace GitOps.Reconciler.Stacks;

/// <summary>A container's endpoint on a network, kept across the network's recreation.</summary>
internal sealed record DetachedEndpoint(string ContainerId, EndpointSettings Settings);

/// <summary>
/// Moves containers across the recreation of their network. The engine refuses to remove a network that still
/// has endpoints, and cannot change one in place; so its containers are disconnected first and connected to the
/// new network with their aliases, links and fixed addresses. The old containers keep running meanwhile (they
/// lose that network only for the moment between), which is also what a rolled-back service falls back on.
/// </summary>
internal sealed class NetworkEndpoints(IDockerEngine engine)
{
    public async Task<IReadOnlyList<DetachedEndpoint>> DetachAllAsync(string networkId, string networkName, CancellationToken cancellationToken)
    {
        var detached = new List<DetachedEndpoint>();
        foreach (var containerId in await engine.Networks.AttachedContainersAsync(networkId, cancellationToken))
        {
            var container = await engine.Containers.InspectAsync(containerId, cancellationToken);
            if (container?.NetworkSettings?.Networks?.TryGetValue(networkName, out var endpoint) == true)
            {
                detached.Add(new DetachedEndpoint(containerId, Reusable(endpoint, containerId)));
            }
            await engine.Networks.DisconnectAsync(networkId, containerId, cancellationToken);
        }
        return detached;
    }

    public async Task ReattachAsync(string networkName, IReadOnlyList<DetachedEndpoint> detached, CancellationToken cancellationToken)
    {
        foreach (var endpoint in detached)
        {
            await engine.Networks.ConnectAsync(networkName, endpoint.ContainerId, endpoint.Settings, cancellationToken);
        }
    }

    /// <summary>What the user chose about the endpoint; ids and addresses the engine assigned are dropped.</summary>
    private static EndpointSettings Reusable(EndpointSettings endpoint, string containerId) => new()
    {
        // The engine adds the container's short id as an alias by itself.
        Aliases = [.. (endpoint.Aliases ?? []).Where(a => !containerId.StartsWith(a, StringComparison.Ordinal))],
        Links = endpoint.Links,
        IPAMConfig = endpoint.IPAMConfig,
        DriverOpts = endpoint.DriverOpts,
    };
}
