using Docker.DotNet.Models;

namespace GitOps.Reconciler.Engine;

public interface IDockerContainers
{
    /// <summary>All containers (running or not) carrying every one of <paramref name="labels"/> (<c>key</c> or <c>key=value</c>).</summary>
    Task<IReadOnlyList<ContainerListResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken);

    /// <summary>Null when no such container exists.</summary>
    Task<ContainerInspectResponse?> InspectAsync(string id, CancellationToken cancellationToken);

    /// <summary>Returns the new container's id.</summary>
    Task<string> CreateAsync(CreateContainerParameters parameters, CancellationToken cancellationToken);

    Task StartAsync(string id, CancellationToken cancellationToken);

    /// <summary>Stops the container; one that is already stopped or gone is not an error.</summary>
    Task StopAsync(string id, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>Removes the container; a container that is already gone is not an error.</summary>
    Task RemoveAsync(string id, bool force, CancellationToken cancellationToken);

    Task RenameAsync(string id, string newName, CancellationToken cancellationToken);

    /// <summary>
    /// The last <paramref name="tail"/> lines the container wrote (stdout and stderr, in order), for people looking at
    /// why it failed; empty when it is gone. A decorator that does not forward it shows no lines.
    /// </summary>
    Task<IReadOnlyList<string>> LogsAsync(string id, int tail, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
