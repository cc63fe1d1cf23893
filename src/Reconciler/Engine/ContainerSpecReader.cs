using System.Globalization;
using Docker.DotNet.Models;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using NetworkAttachment = GitOps.Reconciler.Compose.NetworkAttachment;
using ServiceSpec = GitOps.Reconciler.Compose.ServiceSpec;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Pure inverse of <see cref="ContainerSpecMapper"/>: reads a container inspect back into a normalised
/// <see cref="ServiceSpec"/>. What the image or the engine filled in (image env, cmd, labels, workdir, user,
/// exposed ports, healthcheck, the default PATH, the container-id hostname, the id and hostname aliases) is subtracted, and
/// compose's and the agent's labels are stripped, so a container created from spec S reads back as S.
/// </summary>
public static class ContainerSpecReader
{
    /// <summary>The PATH the engine adds when the image sets none.</summary>
    public const string EngineDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public const string DefaultLogDriver = "json-file";

    /// <param name="image">The container's image, for subtracting its defaults; null reads the container as-is.</param>
    public static ServiceSpec Read(ContainerInspectResponse container, ImageInspectResponse? image, ReadBackContext context)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(context);
        var config = container.Config ?? new ContainerConfig();
        var host = container.HostConfig ?? new HostConfig();
        var imageConfig = image?.Config ?? new DockerOCIImageConfig();
        IDictionary<string, string> labels = config.Labels ?? new Dictionary<string, string>();
        var service = Label(labels, EngineLabels.Service) ?? container.Name.TrimStart('/');
        var number = int.TryParse(Label(labels, EngineLabels.ContainerNumber), CultureInfo.InvariantCulture, out var n) ? n : 1;
        var unobservable = UnobservableFields.FromJson(Label(labels, EngineLabels.Unobservable));
        var grantTargets = unobservable is null
            ? []
            : ContainerSpecMapper.Grants(unobservable.ApplyTo(new ServiceSpec { Name = service, Image = "" })).Select(g => g.Target).ToHashSet(StringComparer.Ordinal);
        var shortId = container.ID is { Length: >= 12 } id ? id[..12] : container.ID ?? "";
        var name = container.Name.TrimStart('/');
        var (networkMode, networks) = Networks(container, service, [shortId, config.Hostname ?? ""], context);
        var (entrypoint, command) = EntrypointAndCommand(config, imageConfig);

        var spec = new ServiceSpec
        {
            Name = service,
            Image = config.Image ?? "",
            Command = command,
            Entrypoint = entrypoint,
            Environment = Environment(config.Env, imageConfig.Env),
            Ports = Ports(host.PortBindings),
            Expose = Expose(config.ExposedPorts, imageConfig.ExposedPorts, host.PortBindings),
            Mounts = ValueList.Sorted((host.Mounts ?? []).Where(m => !grantTargets.Contains(m.Target ?? "")).Select(m => Mount(m, context))
                .Concat((host.Binds ?? []).Select(Bind).OfType<MountSpec>())),
            Networks = networks,
            NetworkMode = networkMode,
            Healthcheck = SameHealthcheck(config.Healthcheck, imageConfig.Healthcheck) ? null : Healthcheck(config.Healthcheck),
            Restart = Restart(host.RestartPolicy),
            ContainerName = name == ContainerContext.DefaultName(context.Project, service, number) ? null : name,
            Hostname = Unless(config.Hostname, shortId),
            User = Unless(config.User, imageConfig.User),
            WorkingDir = Unless(config.WorkingDir, imageConfig.WorkingDir),
            Labels = UserLabels(labels, imageConfig.Labels),
            StopSignal = Unless(config.StopSignal, imageConfig.StopSignal),
            StopGracePeriod = config.StopTimeout,
            CapAdd = ValueList.From(host.CapAdd ?? []),
            CapDrop = ValueList.From(host.CapDrop ?? []),
            Privileged = host.Privileged,
            ReadOnly = host.ReadonlyRootfs,
            SecurityOpt = ValueList.From(host.SecurityOpt ?? []),
            Tmpfs = ValueMap.From(host.Tmpfs ?? new Dictionary<string, string>()),
            Sysctls = ValueMap.From(host.Sysctls ?? new Dictionary<string, string>()),
            Ulimits = ValueList.From((host.Ulimits ?? []).Select(u => new Compose.Ulimit(u.Name, u.Soft, u.Hard))),
            ExtraHosts = ValueList.From(host.ExtraHosts ?? []),
            Dns = ValueList.From(host.DNS ?? []),
            Init = host.Init,
            StdinOpen = config.OpenStdin,
            Tty = config.Tty,
            Logging = Logging(host.LogConfig),
            PidsLimit = host.PidsLimit is > 0 ? host.PidsLimit : null,
            Resources = new ResourceLimits(host.NanoCPUs > 0 ? host.NanoCPUs : null, host.Memory > 0 ? host.Memory : null),
            MemswapLimit = host.MemorySwap is > 0 or -1 ? host.MemorySwap : null,
            MemSwappiness = host.MemorySwappiness is >= 0 ? host.MemorySwappiness : null,
            OomScoreAdj = host.OomScoreAdj != 0 ? (int)host.OomScoreAdj : null,
            Pid = SharedMode(host.PidMode, context),
            Ipc = SharedMode(host.IpcMode, context),
            Uts = NullIfEmpty(host.UTSMode),
            Runtime = NullIfEmpty(host.Runtime),
            Devices = host.Devices is { Count: > 0 } devices
                ? ValueList.Sorted(devices.Select(d => new DeviceSpec(d.PathOnHost ?? "", d.PathInContainer ?? "", string.IsNullOrEmpty(d.CgroupPermissions) ? DeviceSpec.AllPermissions : d.CgroupPermissions)))
                : null,
            DeviceRequests = host.DeviceRequests is { Count: > 0 } requests
                ? ValueList.From(requests.Select(r => new DeviceRequestSpec(
                    r.Driver ?? "",
                    r.Count,
                    ValueList.From(r.DeviceIDs ?? []),
                    ValueList.From((r.Capabilities ?? []).SelectMany(c => c)),
                    ValueMap.From(r.Options ?? new Dictionary<string, string>()))))
                : null,
        };
        return unobservable?.ApplyTo(spec) ?? spec;
    }

    private static string? Label(IDictionary<string, string> labels, string key) => labels.TryGetValue(key, out var value) ? value : null;

    private static string? Unless(string? value, string? engineDefault) =>
        string.IsNullOrEmpty(value) || value == engineDefault ? null : value;

    private static (ValueList<string>? Entrypoint, ValueList<string>? Command) EntrypointAndCommand(ContainerConfig config, DockerOCIImageConfig image)
    {
        var entrypoint = config.Entrypoint ?? [];
        var cmd = config.Cmd ?? [];
        if (entrypoint.SequenceEqual(image.Entrypoint ?? []))
        {
            // The image's entrypoint: the command is ours only when it differs from the image's.
            return (null, cmd.SequenceEqual(image.Cmd ?? []) ? null : ValueList.From(cmd));
        }
        // An overridden entrypoint drops the image's command, so whatever command there is was given.
        return (ValueList.From(entrypoint), cmd.Count == 0 ? null : ValueList.From(cmd));
    }

    private static ValueMap<string> Environment(IList<string>? env, IList<string>? imageEnv)
    {
        var fromImage = new HashSet<string>(imageEnv ?? [], StringComparer.Ordinal);
        var imageHasPath = fromImage.Any(e => e.StartsWith("PATH=", StringComparison.Ordinal));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in env ?? [])
        {
            if (fromImage.Contains(entry) || (!imageHasPath && entry == "PATH=" + EngineDefaultPath))
            {
                continue;
            }
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            result[eq < 0 ? entry : entry[..eq]] = eq < 0 ? "" : entry[(eq + 1)..];
        }
        return ValueMap.From(result);
    }

    private static ValueList<Compose.PortBinding> Ports(IDictionary<string, IList<Docker.DotNet.Models.PortBinding>>? bindings) =>
        ValueList.Sorted((bindings ?? new Dictionary<string, IList<Docker.DotNet.Models.PortBinding>>())
            .SelectMany(kv => (kv.Value ?? []).Select(b =>
            {
                var (port, protocol) = SplitPort(kv.Key);
                return new Compose.PortBinding(
                    b.HostIP ?? "",
                    int.TryParse(b.HostPort, CultureInfo.InvariantCulture, out var hostPort) ? hostPort : null,
                    port,
                    protocol);
            })));

    private static (int Port, string Protocol) SplitPort(string key)
    {
        var parts = key.Split('/', 2);
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), parts.Length == 2 ? parts[1] : "tcp");
    }

    private static ValueList<string> Expose(
        IDictionary<string, EmptyStruct>? exposed,
        IDictionary<string, EmptyStruct>? imageExposed,
        IDictionary<string, IList<Docker.DotNet.Models.PortBinding>>? bindings) =>
        ValueList.Sorted(
            (exposed?.Keys ?? [])
                .Where(k => imageExposed is null || !imageExposed.ContainsKey(k))
                .Where(k => bindings is null || !bindings.ContainsKey(k)),
            StringComparer.Ordinal);

    private static MountSpec Mount(Mount mount, ReadBackContext context) => mount.Type switch
    {
        "bind" => new MountSpec(MountType.Bind, mount.Source ?? "", mount.Target ?? "", mount.ReadOnly ?? false)
        {
            Propagation = NullIfEmpty(mount.BindOptions?.Propagation),
        },
        "volume" => new MountSpec(MountType.Volume, Key(context.VolumeKeys, mount.Source ?? "", context.Project), mount.Target ?? "", mount.ReadOnly ?? false)
        {
            NoCopy = mount.VolumeOptions?.NoCopy ?? false,
        },
        _ => new MountSpec(MountType.Tmpfs, "", mount.Target ?? "", mount.ReadOnly ?? false, mount.TmpfsOptions?.SizeBytes is > 0 ? mount.TmpfsOptions.SizeBytes : null),
    };

    /// <summary>A <c>source:target[:options]</c> bind as the mapper writes it; anything else the agent never wrote is left out.</summary>
    private static MountSpec? Bind(string bind)
    {
        var parts = bind.Split(':');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('/'))
        {
            return null;
        }
        var options = parts.Length == 3 ? parts[2].Split(',') : [];
        return new MountSpec(MountType.Bind, parts[0], parts[1], options.Contains("ro"))
        {
            SeLinux = options.FirstOrDefault(o => o is "z" or "Z"),
            Propagation = options.FirstOrDefault(o => o.Contains("private", StringComparison.Ordinal) || o.Contains("shared", StringComparison.Ordinal) || o.Contains("slave", StringComparison.Ordinal)),
        };
    }

    private static string Key(IReadOnlyDictionary<string, string> keys, string engineName, string project) =>
        engineName.Length == 0 ? ""
        : keys.TryGetValue(engineName, out var key) ? key
        : engineName.StartsWith(project + "_", StringComparison.Ordinal) ? engineName[(project.Length + 1)..]
        : engineName;

    private static (string? Mode, ValueMap<NetworkAttachment> Networks) Networks(
        ContainerInspectResponse container, string service, string[] engineAliases, ReadBackContext context)
    {
        var mode = container.HostConfig?.NetworkMode ?? "";
        var endpoints = container.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>();
        if (mode == "default")
        {
            return (null, ValueMap<NetworkAttachment>.Empty);
        }
        if (mode is "host" or "none" or "bridge" || mode.StartsWith("container:", StringComparison.Ordinal))
        {
            return (SharedMode(mode, context), ValueMap<NetworkAttachment>.Empty);
        }
        var attachments = endpoints.Select(kv => KeyValuePair.Create(
            Key(context.NetworkKeys, kv.Key, context.Project),
            new NetworkAttachment(
                ValueList.From((kv.Value.Aliases ?? []).Where(a => a != service && !engineAliases.Contains(a)).Distinct(StringComparer.Ordinal)),
                NullIfEmpty(kv.Value.IPAMConfig?.IPv4Address),
                NullIfEmpty(kv.Value.IPAMConfig?.IPv6Address))));
        return (null, ValueMap.From(attachments));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The inverse of the mapper's <c>service:x</c>: joining x's first container of this project reads as <c>service:x</c>.</summary>
    private static string? SharedMode(string? mode, ReadBackContext context)
    {
        if (string.IsNullOrEmpty(mode))
        {
            return null;
        }
        if (mode.StartsWith("container:", StringComparison.Ordinal) && context.ContainerNames.TryGetValue(mode["container:".Length..], out var name))
        {
            mode = "container:" + name;
        }
        var prefix = "container:" + context.Project + "-";
        return mode.StartsWith(prefix, StringComparison.Ordinal) && mode.EndsWith("-1", StringComparison.Ordinal)
            ? "service:" + mode[prefix.Length..^2]
            : mode;
    }

    private static bool SameHealthcheck(HealthcheckConfig? container, HealthcheckConfig? image)
    {
        if (container is null || image is null)
        {
            return container?.Test is null or { Count: 0 } && image?.Test is null or { Count: 0 };
        }
        return (container.Test ?? []).SequenceEqual(image.Test ?? [])
            && container.Interval == image.Interval
            && container.Timeout == image.Timeout
            && container.Retries == image.Retries
            && container.StartPeriod == image.StartPeriod
            && container.StartInterval == image.StartInterval;
    }

    private static HealthcheckSpec? Healthcheck(HealthcheckConfig? health) => health?.Test is not { Count: > 0 }
        ? null
        : new HealthcheckSpec(
            ValueList.From(health.Test),
            Positive(health.Interval),
            Positive(health.Timeout),
            health.Retries is > 0 ? (int)health.Retries : null,
            Positive(health.StartPeriod),
            Positive(health.StartInterval));

    private static TimeSpan? Positive(TimeSpan? value) => value > TimeSpan.Zero ? value : null;

    private static string Restart(RestartPolicy? policy) => policy?.Name switch
    {
        RestartPolicyKind.Always => "always",
        RestartPolicyKind.UnlessStopped => "unless-stopped",
        RestartPolicyKind.OnFailure => policy.MaximumRetryCount > 0
            ? "on-failure:" + policy.MaximumRetryCount.ToString(CultureInfo.InvariantCulture)
            : "on-failure",
        _ => "no",
    };

    private static ValueMap<string> UserLabels(IDictionary<string, string> labels, IDictionary<string, string>? imageLabels) =>
        ValueMap.From(labels.Where(kv =>
            !EngineLabels.IsOwnLabel(kv.Key)
            && !(imageLabels is not null && imageLabels.TryGetValue(kv.Key, out var fromImage) && fromImage == kv.Value)));

    private static LoggingSpec? Logging(LogConfig? log) =>
        log is null || string.IsNullOrEmpty(log.Type) || (log.Type == DefaultLogDriver && (log.Config is null || log.Config.Count == 0))
            ? null
            : new LoggingSpec(log.Type, ValueMap.From(log.Config ?? new Dictionary<string, string>()));
}
