using Docker.DotNet.Models;

namespace GitOps.Reconciler.Engine;

public interface IDockerVolumes
{
    Task<IReadOnlyList<VolumeResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken);

    Task CreateAsync(VolumesCreateParameters parameters, CancellationToken cancellationToken);

    Task RemoveAsync(string name, CancellationToken cancellationToken);
}
