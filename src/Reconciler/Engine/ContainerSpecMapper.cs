using System.Globalization;
using Docker.DotNet.Models;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using NetworkAttachment = GitOps.Reconciler.Compose.NetworkAttachment;
using ServiceSpec = GitOps.Reconciler.Compose.ServiceSpec;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Pure translation of a <see cref="ServiceSpec"/> into the engine's create parameters. Every field of the spec is
/// applied here; <see cref="ContainerSpecReader"/> is its inverse.
/// </summary>
public static class ContainerSpecMapper
{
    // Docker.DotNet's models are annotated non-null but send a null member as "not set": hence the null-forgiving "!".
    public const string SecretsDirectory = "/run/secrets";

    public static CreateContainerParameters ToCreateParameters(ServiceSpec spec, ContainerContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        var networks = Networks(spec, context);
        var first = networks.FirstOrDefault();
        return new CreateContainerParameters
        {
            Name = context.ContainerName,
            Image = spec.Image,
            Platform = spec.Platform!,
            Hostname = spec.Hostname!,
            User = spec.User!,
            WorkingDir = spec.WorkingDir!,
            Cmd = spec.Command?.ToList()!,
            Entrypoint = spec.Entrypoint?.ToList()!,
            Env = [.. spec.Environment.Select(kv => kv.Key + "=" + kv.Value)],
            ExposedPorts = ExposedPorts(spec),
            Labels = Labels(spec, context),
            Healthcheck = Healthcheck(spec.Healthcheck)!,
            StopSignal = spec.StopSignal!,
            StopTimeout = spec.StopGracePeriod,
            Tty = spec.Tty,
            OpenStdin = spec.StdinOpen,
            HostConfig = HostConfig(spec, context, first.Network),
            NetworkingConfig = first.Network is null
                ? null!
                : new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings> { [first.Network] = first.Endpoint } },
        };
    }

    /// <summary>An entrypoint no image has: the preflight container must never run anything of the image.</summary>
    public const string PreflightEntrypoint = "/.gitops-agent-preflight-never-exists";

    /// <summary>
    /// A throwaway container that asks the engine for the service's device requests and runtime only, started before
    /// the old containers are stopped. The engine selects device drivers (and checks the runtime) before it executes
    /// the entrypoint, so its start fails either on those (the engine cannot serve them) or on the missing entrypoint
    /// (it can). No network, ports, mounts or devices, so nothing else of the service can fail it or clash with the
    /// running containers; no service label, so a leftover is never read as a replica.
    /// </summary>
    public static CreateContainerParameters ToPreflightParameters(ServiceSpec spec, ContainerContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        var host = HostConfig(spec, context, null);
        return new CreateContainerParameters
        {
            Image = spec.Image,
            Platform = spec.Platform!,
            Entrypoint = [PreflightEntrypoint],
            Cmd = [],
            Labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [EngineLabels.Project] = context.Project,
                [EngineLabels.Managed] = "true",
                [EngineLabels.Owner] = context.Owner,
            },
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                Runtime = host.Runtime,
                DeviceRequests = host.DeviceRequests,
            },
        };
    }

    /// <summary>Networks after the first: the engine (API 1.41) takes one at create, the rest are connected before start.</summary>
    public static IReadOnlyList<(string Network, EndpointSettings Endpoint)> AdditionalNetworks(ServiceSpec spec, ContainerContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        return [.. Networks(spec, context).Skip(1)];
    }

    /// <summary>The engine network and endpoint (aliases, fixed addresses) of the service's network <paramref name="key"/>, to reconnect a container that left it.</summary>
    public static (string Network, EndpointSettings Endpoint) Attachment(ServiceSpec spec, string key, ContainerContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        return (EngineName(context.NetworkNames, key, context.Project), Endpoint(spec, spec.Networks[key]));
    }

    /// <summary>Host path and container path of every secret and config, in target order.</summary>
    public static IReadOnlyList<(FileGrant Grant, string Target)> Grants(ServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return
        [
            .. spec.Secrets.Select(g => (g, GrantTarget(g, SecretsDirectory))),
            .. spec.Configs.Select(g => (g, GrantTarget(g, "/"))),
        ];
    }

    private static string GrantTarget(FileGrant grant, string directory) =>
        string.IsNullOrEmpty(grant.Target) ? Path.Combine(directory, grant.Name)
        : grant.Target.StartsWith('/') ? grant.Target
        : Path.Combine(directory, grant.Target);

    private static List<(string Network, EndpointSettings Endpoint)> Networks(ServiceSpec spec, ContainerContext context)
    {
        if (spec.NetworkMode is not null)
        {
            return [];
        }
        return [.. spec.Networks.Select(kv => (EngineName(context.NetworkNames, kv.Key, context.Project), Endpoint(spec, kv.Value)))];
    }

    private static EndpointSettings Endpoint(ServiceSpec spec, NetworkAttachment attachment) => new()
    {
        // The service name is always an alias, as compose does, so services find each other by name.
        Aliases = [spec.Name, .. attachment.Aliases.Where(a => a != spec.Name)],
        IPAMConfig = attachment.Ipv4Address is null && attachment.Ipv6Address is null
            ? null
            : new EndpointIPAMConfig { IPv4Address = attachment.Ipv4Address!, IPv6Address = attachment.Ipv6Address! },
    };

    internal static string EngineName(IReadOnlyDictionary<string, string> names, string key, string project) =>
        names.TryGetValue(key, out var name) ? name : project + "_" + key;

    private static Dictionary<string, EmptyStruct> ExposedPorts(ServiceSpec spec)
    {
        var ports = new Dictionary<string, EmptyStruct>(StringComparer.Ordinal);
        foreach (var expose in spec.Expose)
        {
            ports[expose.Contains('/', StringComparison.Ordinal) ? expose : expose + "/tcp"] = default;
        }
        foreach (var port in spec.Ports)
        {
            ports[PortKey(port)] = default;
        }
        return ports;
    }

    internal static string PortKey(Compose.PortBinding port) =>
        port.ContainerPort.ToString(CultureInfo.InvariantCulture) + "/" + port.Protocol;

    private static Dictionary<string, string> Labels(ServiceSpec spec, ContainerContext context)
    {
        var labels = new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal)
        {
            [EngineLabels.Project] = context.Project,
            [EngineLabels.Service] = spec.Name,
            [EngineLabels.ContainerNumber] = context.Number.ToString(CultureInfo.InvariantCulture),
            [EngineLabels.OneOff] = "False",
            [EngineLabels.ConfigHash] = context.ConfigHash,
            [EngineLabels.ConfigFiles] = string.Join(',', context.ConfigFiles),
            [EngineLabels.WorkingDir] = context.WorkingDir,
            [EngineLabels.DependsOn] = string.Join(',', spec.DependsOn.Select(kv => $"{kv.Key}:{Condition(kv.Value.Condition)}:{(kv.Value.Restart ? "true" : "false")}")),
            [EngineLabels.Image] = context.ImageId ?? spec.Image,
            [EngineLabels.Version] = EngineLabels.ComposeVersion,
            [EngineLabels.Managed] = "true",
            [EngineLabels.Owner] = context.Owner,
            [EngineLabels.Unobservable] = UnobservableFields.Of(spec).ToJson(),
        };
        return labels;
    }

    internal static string Condition(DependencyCondition condition) => condition switch
    {
        DependencyCondition.ServiceHealthy => "service_healthy",
        DependencyCondition.ServiceCompletedSuccessfully => "service_completed_successfully",
        _ => "service_started",
    };

    private static HealthcheckConfig? Healthcheck(HealthcheckSpec? health) => health is null
        ? null
        : new HealthcheckConfig
        {
            Test = [.. health.Test],
            Interval = health.Interval,
            Timeout = health.Timeout,
            Retries = health.Retries,
            StartPeriod = health.StartPeriod,
            StartInterval = health.StartInterval,
        };

    private static HostConfig HostConfig(ServiceSpec spec, ContainerContext context, string? firstNetwork) => new()
    {
        NetworkMode = NetworkMode(spec, context) ?? firstNetwork!,
        PidMode = SharedMode(spec.Pid, context)!,
        IpcMode = SharedMode(spec.Ipc, context)!,
        UTSMode = spec.Uts!,
        MemorySwap = spec.MemswapLimit ?? 0,
        MemorySwappiness = spec.MemSwappiness,
        OomScoreAdj = spec.OomScoreAdj ?? 0,
        Runtime = spec.Runtime!,
        Devices = [.. (spec.Devices ?? ValueList<DeviceSpec>.Empty).Select(d => new DeviceMapping { PathOnHost = d.HostPath, PathInContainer = d.ContainerPath, CgroupPermissions = d.Permissions })],
        DeviceRequests = spec.DeviceRequests is null ? null! : [.. spec.DeviceRequests.Select(r => new DeviceRequest
        {
            Driver = r.Driver,
            Count = r.Count,
            DeviceIDs = r.DeviceIds.Count == 0 ? null! : [.. r.DeviceIds],
            Capabilities = [[.. r.Capabilities]],
            Options = r.Options.Count == 0 ? null! : r.Options.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        })],
        PortBindings = spec.Ports
            .GroupBy(p => PortKey(p), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IList<Docker.DotNet.Models.PortBinding>)[.. g.Select(p => new Docker.DotNet.Models.PortBinding
                {
                    HostIP = p.HostIp,
                    HostPort = p.HostPort?.ToString(CultureInfo.InvariantCulture) ?? "",
                })],
                StringComparer.Ordinal),
        // The mount API has no SELinux relabelling, so a bind that asks for it goes the old -v way (Binds).
        Binds = spec.Mounts.Any(UsesBinds) ? [.. spec.Mounts.Where(UsesBinds).Select(Bind)] : null!,
        Mounts = [.. spec.Mounts.Where(m => !UsesBinds(m)).Select(m => Mount(m, context)), .. GrantMounts(spec, context)],
        Tmpfs = spec.Tmpfs.Count == 0 ? null! : spec.Tmpfs.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        RestartPolicy = RestartPolicy(spec.Restart),
        NanoCPUs = spec.Resources.NanoCpus ?? 0,
        Memory = spec.Resources.MemoryBytes ?? 0,
        PidsLimit = spec.PidsLimit ?? spec.Resources.Pids,
        Ulimits = [.. spec.Ulimits.Select(u => new Docker.DotNet.Models.Ulimit { Name = u.Name, Soft = u.Soft, Hard = u.Hard })],
        Sysctls = spec.Sysctls.Count == 0 ? null! : spec.Sysctls.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        ExtraHosts = [.. spec.ExtraHosts],
        DNS = [.. spec.Dns],
        LogConfig = spec.Logging is null
            ? null!
            : new LogConfig { Type = spec.Logging.Driver, Config = spec.Logging.Options.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) },
        CapAdd = [.. spec.CapAdd],
        CapDrop = [.. spec.CapDrop],
        SecurityOpt = [.. spec.SecurityOpt],
        Privileged = spec.Privileged,
        ReadonlyRootfs = spec.ReadOnly,
        Init = spec.Init,
        Links = [.. spec.Links.Select(l => Link(l, context.Project))],
    };

    private static string? NetworkMode(ServiceSpec spec, ContainerContext context) => SharedMode(spec.NetworkMode, context);

    /// <summary>A namespace mode; <c>service:x</c> joins x's first container, as compose does.</summary>
    private static string? SharedMode(string? mode, ContainerContext context) => mode switch
    {
        null => null,
        _ when mode.StartsWith("service:", StringComparison.Ordinal) =>
            "container:" + ContainerContext.DefaultName(context.Project, mode["service:".Length..], 1),
        _ => mode,
    };

    private static string Link(string link, string project)
    {
        var parts = link.Split(':', 2);
        var alias = parts.Length == 2 ? parts[1] : parts[0];
        return ContainerContext.DefaultName(project, parts[0], 1) + ":" + alias;
    }

    internal static bool UsesBinds(MountSpec mount) => mount.Type == MountType.Bind && mount.SeLinux is not null;

    /// <summary><c>source:target:options</c> as the engine's Binds take it; <see cref="ContainerSpecReader"/> parses it back.</summary>
    private static string Bind(MountSpec mount) =>
        mount.Source + ":" + mount.Target + ":" + string.Join(',', new[] { mount.ReadOnly ? "ro" : "rw", mount.SeLinux, mount.Propagation }.OfType<string>());

    private static Mount Mount(MountSpec mount, ContainerContext context) => mount.Type switch
    {
        MountType.Bind => new Mount
        {
            Type = "bind",
            Source = mount.Source,
            Target = mount.Target,
            ReadOnly = mount.ReadOnly,
            BindOptions = mount.Propagation is null ? null! : new BindOptions { Propagation = mount.Propagation },
        },
        MountType.Volume => new Mount
        {
            Type = "volume",
            Source = mount.Source.Length == 0 ? "" : EngineName(context.VolumeNames, mount.Source, context.Project),
            Target = mount.Target,
            ReadOnly = mount.ReadOnly,
            VolumeOptions = mount.NoCopy ? new VolumeOptions { NoCopy = true } : null!,
        },
        _ => new Mount
        {
            Type = "tmpfs",
            Target = mount.Target,
            ReadOnly = mount.ReadOnly,
            TmpfsOptions = mount.TmpfsSizeBytes is null ? null! : new TmpfsOptions { SizeBytes = mount.TmpfsSizeBytes },
        },
    };

    private static IEnumerable<Mount> GrantMounts(ServiceSpec spec, ContainerContext context) =>
        Grants(spec).Select(g => new Mount
        {
            Type = "bind",
            // A written file (an environment-sourced or inline grant, a decrypted file source) wins over the repo's file.
            Source = context.GrantFiles.GetValueOrDefault(g.Target) ?? (g.Grant.Source == GrantSource.File ? g.Grant.SourceRef : ""),
            Target = g.Target,
            ReadOnly = true,
        });

    internal static RestartPolicy RestartPolicy(string restart)
    {
        var parts = restart.Split(':', 2);
        return parts[0] switch
        {
            "always" => new RestartPolicy { Name = RestartPolicyKind.Always },
            "unless-stopped" => new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
            "on-failure" => new RestartPolicy
            {
                Name = RestartPolicyKind.OnFailure,
                MaximumRetryCount = parts.Length == 2 ? long.Parse(parts[1], CultureInfo.InvariantCulture) : 0,
            },
            _ => new RestartPolicy { Name = RestartPolicyKind.No },
        };
    }
}
