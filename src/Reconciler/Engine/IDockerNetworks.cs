using Docker.DotNet.Models;

namespace GitOps.Reconciler.Engine;

public interface IDockerNetworks
{
    Task<IReadOnlyList<NetworkResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken);

    /// <summary>Returns the new network's id.</summary>
    Task<string> CreateAsync(NetworksCreateParameters parameters, CancellationToken cancellationToken);

    Task RemoveAsync(string id, CancellationToken cancellationToken);

    Task ConnectAsync(string network, string containerId, EndpointSettings endpoint, CancellationToken cancellationToken);

    /// <summary>The ids of the containers with an endpoint on the network, running or not; empty when it is gone.</summary>
    Task<IReadOnlyList<string>> AttachedContainersAsync(string id, CancellationToken cancellationToken);

    /// <summary>Removes the container's endpoint from the network (forced, so a stopped container's goes too).</summary>
    Task DisconnectAsync(string network, string containerId, CancellationToken cancellationToken);
}
