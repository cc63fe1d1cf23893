using Docker.DotNet.Models;
using GitOps.Reconciler.Engine;

namespace GitOps.Integration.Tests.Daemon;

public sealed class ProjectScopedContainers(IDockerContainers inner, string project) : IDockerContainers
{
    public Task<IReadOnlyList<ContainerListResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken) =>
        inner.ListAsync(ProjectScopedEngine.Narrow(labels, project), cancellationToken);

    public Task<ContainerInspectResponse?> InspectAsync(string id, CancellationToken cancellationToken) => inner.InspectAsync(id, cancellationToken);

    public Task<string> CreateAsync(CreateContainerParameters parameters, CancellationToken cancellationToken) => inner.CreateAsync(parameters, cancellationToken);

    public Task StartAsync(string id, CancellationToken cancellationToken) => inner.StartAsync(id, cancellationToken);

    public Task StopAsync(string id, TimeSpan? timeout, CancellationToken cancellationToken) => inner.StopAsync(id, timeout, cancellationToken);

    public Task RemoveAsync(string id, bool force, CancellationToken cancellationToken) => inner.RemoveAsync(id, force, cancellationToken);

    public Task RenameAsync(string id, string newName, CancellationToken cancellationToken) => inner.RenameAsync(id, newName, cancellationToken);
}
