using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace GitOps.Reconciler.Engine;

public sealed partial class DockerEngine
{
    private sealed class ContainerOperations(DockerClient client) : IDockerContainers
    {
        public async Task<IReadOnlyList<ContainerListResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken) =>
            [.. await client.Containers.ListContainersAsync(
                new ContainersListParameters { All = true, Filters = LabelFilter(labels) }, cancellationToken)];

        public async Task<ContainerInspectResponse?> InspectAsync(string id, CancellationToken cancellationToken)
        {
            try
            {
                return await client.Containers.InspectContainerAsync(id, cancellationToken);
            }
            catch (DockerContainerNotFoundException)
            {
                return null;
            }
        }

        public async Task<IReadOnlyList<string>> LogsAsync(string id, int tail, CancellationToken cancellationToken)
        {
            try
            {
                var parameters = new ContainerLogsParameters
                {
                    ShowStdout = true,
                    ShowStderr = true,
                    Tail = tail.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                using var stream = await client.Containers.GetContainerLogsAsync(id, parameters, cancellationToken);
                var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken);
                var lines = (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'));
                return [.. lines.TakeLast(tail)];
            }
            catch (DockerContainerNotFoundException)
            {
                return [];
            }
        }

        public async Task<string> CreateAsync(CreateContainerParameters parameters, CancellationToken cancellationToken) =>
            (await client.Containers.CreateContainerAsync(parameters, cancellationToken)).ID;

        public Task StartAsync(string id, CancellationToken cancellationToken) =>
            client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);

        public async Task StopAsync(string id, TimeSpan? timeout, CancellationToken cancellationToken)
        {
            try
            {
                await client.Containers.StopContainerAsync(
                    id,
                    new ContainerStopParameters { WaitBeforeKillSeconds = timeout is { } t ? (uint)Math.Ceiling(t.TotalSeconds) : null },
                    cancellationToken);
            }
            catch (DockerContainerNotFoundException)
            {
                // Already gone is as stopped as it gets.
            }
        }

        public async Task RemoveAsync(string id, bool force, CancellationToken cancellationToken)
        {
            try
            {
                await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = force }, cancellationToken);
            }
            catch (DockerContainerNotFoundException)
            {
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && (e.ResponseBody ?? "").Contains("already in progress", StringComparison.Ordinal))
            {
            }
        }

        public Task RenameAsync(string id, string newName, CancellationToken cancellationToken) =>
            client.Containers.RenameContainerAsync(id, new ContainerRenameParameters { NewName = newName }, cancellationToken);
    }
}
