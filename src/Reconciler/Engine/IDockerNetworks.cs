using Docker.DotNet.Models;

namespace GitOps.Reconciler.Engine;

public interface IDockerNetworks
{
    Task<IReadOnlyList<NetworkResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken);

    /// <summary>Returns the new network's id.</summary>
    Task<string> CreateAsync(NetworksCreateParameters parameters, CancellationToken cancellationToken);

    Task RemoveAsync(string id, CancellationToken cancellationToken);

    Task ConnectAsync(string network, string containerId, EndpointSettings endpoint, CancellationToken cancellationToken);
}
