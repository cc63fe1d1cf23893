using Docker.DotNet.Models;
using GitOps.Reconciler.Engine;

namespace GitOps.Integration.Tests.Daemon;

public sealed class ProjectScopedNetworks(IDockerNetworks inner, string project) : IDockerNetworks
{
    public Task<IReadOnlyList<NetworkResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken) =>
        inner.ListAsync(ProjectScopedEngine.Narrow(labels, project), cancellationToken);

    public Task<string> CreateAsync(NetworksCreateParameters parameters, CancellationToken cancellationToken) => inner.CreateAsync(parameters, cancellationToken);

    public Task RemoveAsync(string id, CancellationToken cancellationToken) => inner.RemoveAsync(id, cancellationToken);

    public Task ConnectAsync(string network, string containerId, EndpointSettings endpoint, CancellationToken cancellationToken) =>
        inner.ConnectAsync(network, containerId, endpoint, cancellationToken);

    public Task<IReadOnlyList<string>> AttachedContainersAsync(string id, CancellationToken cancellationToken) =>
        inner.AttachedContainersAsync(id, cancellationToken);

    public Task DisconnectAsync(string network, string containerId, CancellationToken cancellationToken) =>
        inner.DisconnectAsync(network, containerId, cancellationToken);
}
