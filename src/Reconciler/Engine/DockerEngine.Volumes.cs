using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace GitOps.Reconciler.Engine;

public sealed partial class DockerEngine
{
    private sealed class VolumeOperations(DockerClient client) : IDockerVolumes
    {
        public async Task<IReadOnlyList<VolumeResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken) =>
            [.. (await client.Volumes.ListAsync(new VolumesListParameters { Filters = LabelFilter(labels) }, cancellationToken)).Volumes ?? []];

        public Task CreateAsync(VolumesCreateParameters parameters, CancellationToken cancellationToken) =>
            client.Volumes.CreateAsync(parameters, cancellationToken);

        public async Task RemoveAsync(string name, CancellationToken cancellationToken)
        {
            try
            {
                await client.Volumes.RemoveAsync(name, false, cancellationToken);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
            }
        }
    }
}
