using Docker.DotNet.Models;
using GitOps.Reconciler.Engine;

namespace GitOps.Integration.Tests.Daemon;

public sealed class ProjectScopedVolumes(IDockerVolumes inner, string project) : IDockerVolumes
{
    public Task<IReadOnlyList<VolumeResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken) =>
        inner.ListAsync(ProjectScopedEngine.Narrow(labels, project), cancellationToken);

    public Task CreateAsync(VolumesCreateParameters parameters, CancellationToken cancellationToken) => inner.CreateAsync(parameters, cancellationToken);

    public Task RemoveAsync(string name, CancellationToken cancellationToken) => inner.RemoveAsync(name, cancellationToken);
}
