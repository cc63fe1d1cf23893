using Docker.DotNet;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// <see cref="IDockerEngine"/> over Docker.DotNet. The API version is pinned to 1.41 (Docker 20.10),
/// the oldest engine the agent supports, so no newer endpoint is ever used by accident.
/// </summary>
public sealed partial class DockerEngine : IDockerEngine, IDisposable
{
    public static readonly Version ApiVersion = EngineApi.Version;

    private readonly DockerClient _client;

    public DockerEngine(Uri endpoint)
    {
        _client = new DockerClientBuilder().WithEndpoint(endpoint).WithApiVersion(ApiVersion).Build();
        Containers = new ContainerOperations(_client);
        Images = new ImageOperations(_client);
        Networks = new NetworkOperations(_client);
        Volumes = new VolumeOperations(_client);
    }

    public static Uri DefaultEndpoint { get; } = new("unix:///var/run/docker.sock");

    public IDockerContainers Containers { get; }
    public IDockerImages Images { get; }
    public IDockerNetworks Networks { get; }
    public IDockerVolumes Volumes { get; }

    public void Dispose() => _client.Dispose();

    internal static IDictionary<string, IDictionary<string, bool>> LabelFilter(IReadOnlyCollection<string> labels) =>
        new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = labels.ToDictionary(l => l, _ => true),
        };
}
