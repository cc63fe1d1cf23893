// Docker.DotNet models are nullable throughout; these tests build and read them directly.
#nullable disable warnings

using Docker.DotNet.Models;
using GitOps.Reconciler.Engine;

namespace GitOps.Reconciler.Tests.Engine;

/// <summary>
/// What the engine does between create and inspect, as far as the read-back must undo it: image defaults merged in,
/// the default PATH added, the short id as hostname and alias, the hostname as alias, extra networks connected separately.
/// </summary>
internal static class SimulatedEngine
{
    public const string Id = "0123456789abcdef0123456789abcdef";

    public static ImageInspectResponse Image => new()
    {
        ID = "sha256:feed",
        Config = new DockerOCIImageConfig
        {
            Env = ["PATH=/bin", "IMAGE_ONLY=1"],
            Cmd = ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"],
            WorkingDir = "/",
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "web" },
            ExposedPorts = new Dictionary<string, EmptyStruct> { ["8080/tcp"] = default },
        },
    };

    public static ContainerInspectResponse Inspect(CreateContainerParameters create, ImageInspectResponse image, IEnumerable<(string Network, EndpointSettings Endpoint)> additional)
    {
        var imageConfig = image.Config;
        var env = new List<string>(imageConfig.Env ?? []);
        foreach (var entry in create.Env ?? [])
        {
            var key = entry.Split('=')[0] + "=";
            env.RemoveAll(e => e.StartsWith(key, StringComparison.Ordinal));
            env.Add(entry);
        }
        var entrypointGiven = create.Entrypoint is { Count: > 0 };
        var endpoints = new Dictionary<string, EndpointSettings>();
        foreach (var (network, endpoint) in (create.NetworkingConfig?.EndpointsConfig ?? new Dictionary<string, EndpointSettings>())
            .Select(kv => (kv.Key, kv.Value)).Concat(additional))
        {
            endpoints[network] = new EndpointSettings
            {
                Aliases = [.. endpoint.Aliases ?? [], Id[..12], .. string.IsNullOrEmpty(create.Hostname) ? Array.Empty<string>() : [create.Hostname]],
                IPAMConfig = endpoint.IPAMConfig,
            };
        }
        return new ContainerInspectResponse
        {
            ID = Id,
            Name = "/" + create.Name,
            Image = image.ID,
            Config = new ContainerConfig
            {
                Hostname = string.IsNullOrEmpty(create.Hostname) ? Id[..12] : create.Hostname,
                User = create.User ?? imageConfig.User ?? "",
                Env = env,
                Cmd = create.Cmd ?? (entrypointGiven ? null! : imageConfig.Cmd),
                Entrypoint = create.Entrypoint ?? imageConfig.Entrypoint!,
                Image = create.Image,
                WorkingDir = string.IsNullOrEmpty(create.WorkingDir) ? imageConfig.WorkingDir : create.WorkingDir,
                Labels = new Dictionary<string, string>(imageConfig.Labels ?? new Dictionary<string, string>()).Concat(create.Labels)
                    .GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value),
                ExposedPorts = (imageConfig.ExposedPorts ?? new Dictionary<string, EmptyStruct>()).Keys.Concat(create.ExposedPorts?.Keys ?? [])
                    .Distinct().ToDictionary(k => k, _ => default(EmptyStruct)),
                Healthcheck = create.Healthcheck ?? imageConfig.Healthcheck!,
                StopSignal = create.StopSignal ?? imageConfig.StopSignal!,
                StopTimeout = create.StopTimeout,
                Tty = create.Tty,
                OpenStdin = create.OpenStdin,
            },
            HostConfig = create.HostConfig,
            NetworkSettings = new NetworkSettings { Networks = endpoints },
            State = new Docker.DotNet.Models.State { Running = true, Status = "running" },
        };
    }
}
