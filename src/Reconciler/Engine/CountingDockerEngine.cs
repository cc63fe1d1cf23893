using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Docker.DotNet.Models;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Counts every Docker API call made through the seam, by operation (<c>containers.list</c>, ...), so
/// tests and metrics can prove what a reconcile cost.
/// </summary>
public sealed class CountingDockerEngine : IDockerEngine
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Action<string>? _onCall;

    /// <param name="inner">The engine the calls go to.</param>
    /// <param name="onCall">Told the operation of every call as it is made (the daemon's API-call metric); must be quick.</param>
    public CountingDockerEngine(IDockerEngine inner, Action<string>? onCall = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _onCall = onCall;
        Containers = new CountingContainers(inner.Containers, this);
        Images = new CountingImages(inner.Images, this);
        Networks = new CountingNetworks(inner.Networks, this);
        Volumes = new CountingVolumes(inner.Volumes, this);
    }

    public IDockerContainers Containers { get; }
    public IDockerImages Images { get; }
    public IDockerNetworks Networks { get; }
    public IDockerVolumes Volumes { get; }

    public int Total => _counts.Values.Sum();

    public IReadOnlyDictionary<string, int> Counts => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    public int Count(string operation) => _counts.GetValueOrDefault(operation);

    public void Reset() => _counts.Clear();

    private T Count<T>(string kind, T result, [CallerMemberName] string method = "")
    {
        var operation = kind + "." + method.Replace("Async", "", StringComparison.Ordinal).ToLowerInvariant();
        _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        _onCall?.Invoke(operation);
        return result;
    }

    private sealed class CountingContainers(IDockerContainers inner, CountingDockerEngine counter) : IDockerContainers
    {
        public Task<IReadOnlyList<ContainerListResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken) =>
            counter.Count("containers", inner.ListAsync(labels, cancellationToken));

        public Task<ContainerInspectResponse?> InspectAsync(string id, CancellationToken cancellationToken) =>
            counter.Count("containers", inner.InspectAsync(id, cancellationToken));

        public Task<IReadOnlyList<string>> LogsAsync(string id, int tail, CancellationToken cancellationToken) =>
            counter.Count("containers", inner.LogsAsync(id, tail, cancellationToken));

        public Task<string> CreateAsync(CreateContainerParameters parameters, CancellationToken cancellationToken) =>
            counter.Count("containers", inner.CreateAsync(parameters, cancellationToken));

        public Task StartAsync(string id, CancellationToken cancellationToken) =>
            counter.Count("containers", inner.StartAsync(id, cancellationToken));

        public Task StopAsync(string id, TimeSpan? timeout, CancellationToken cancellationToken) =>
            counter.Count("containers", inner.StopAsync(id, timeout, cancellationToken));

        public Task RemoveAsync(string id, bool force, CancellationToken cancellationToken) =>
            counter.Count("containers", inner.RemoveAsync(id, force, cancellationToken));

        public Task RenameAsync(string id, string newName, CancellationToken cancellationToken) =>
            counter.Count("containers", inner.RenameAsync(id, newName, cancellationToken));
    }

    private sealed class CountingImages(IDockerImages inner, CountingDockerEngine counter) : IDockerImages
    {
        public Task<IReadOnlyList<ImagesListResponse>> ListAsync(CancellationToken cancellationToken) =>
            counter.Count("images", inner.ListAsync(cancellationToken));

        public Task<ImageInspectResponse?> InspectAsync(string reference, CancellationToken cancellationToken) =>
            counter.Count("images", inner.InspectAsync(reference, cancellationToken));

        public Task PullAsync(string reference, IProgress<JSONMessage> progress, CancellationToken cancellationToken) =>
            counter.Count("images", inner.PullAsync(reference, progress, cancellationToken));

        public Task BuildAsync(ImageBuildParameters parameters, Stream context, IProgress<JSONMessage> progress, CancellationToken cancellationToken) =>
            counter.Count("images", inner.BuildAsync(parameters, context, progress, cancellationToken));

        public Task<string> RegistryDigestAsync(string reference, CancellationToken cancellationToken) =>
            counter.Count("images", inner.RegistryDigestAsync(reference, cancellationToken));
    }

    private sealed class CountingNetworks(IDockerNetworks inner, CountingDockerEngine counter) : IDockerNetworks
    {
        public Task<IReadOnlyList<NetworkResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken) =>
            counter.Count("networks", inner.ListAsync(labels, cancellationToken));

        public Task<string> CreateAsync(NetworksCreateParameters parameters, CancellationToken cancellationToken) =>
            counter.Count("networks", inner.CreateAsync(parameters, cancellationToken));

        public Task RemoveAsync(string id, CancellationToken cancellationToken) =>
            counter.Count("networks", inner.RemoveAsync(id, cancellationToken));

        public Task ConnectAsync(string network, string containerId, EndpointSettings endpoint, CancellationToken cancellationToken) =>
            counter.Count("networks", inner.ConnectAsync(network, containerId, endpoint, cancellationToken));

        public Task<IReadOnlyList<string>> AttachedContainersAsync(string id, CancellationToken cancellationToken) =>
            counter.Count("networks", inner.AttachedContainersAsync(id, cancellationToken));

        public Task DisconnectAsync(string network, string containerId, CancellationToken cancellationToken) =>
            counter.Count("networks", inner.DisconnectAsync(network, containerId, cancellationToken));
    }

    private sealed class CountingVolumes(IDockerVolumes inner, CountingDockerEngine counter) : IDockerVolumes
    {
        public Task<IReadOnlyList<VolumeResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken) =>
            counter.Count("volumes", inner.ListAsync(labels, cancellationToken));

        public Task CreateAsync(VolumesCreateParameters parameters, CancellationToken cancellationToken) =>
            counter.Count("volumes", inner.CreateAsync(parameters, cancellationToken));

        public Task RemoveAsync(string name, CancellationToken cancellationToken) =>
            counter.Count("volumes", inner.RemoveAsync(name, cancellationToken));
    }
}
