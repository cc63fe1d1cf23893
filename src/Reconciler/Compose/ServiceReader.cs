using GitOps.Reconciler.Common;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Reads one service mapping into a normalised <see cref="ServiceSpec"/>. Split into partial files by concern;
/// each reader reports its own errors and returns a neutral value, so one pass finds every error of the service.
/// </summary>
internal sealed partial class ServiceReader
{
    private readonly ComposeContext _context;
    private readonly YamlMap _map;
    private readonly string _name;
    private readonly List<ServiceReference> _references = [];
    private readonly List<(PortBinding, Diagnostics.SourcePosition)> _portPositions = [];
    private readonly Dictionary<string, Diagnostics.SourcePosition> _settingPositions = new(StringComparer.Ordinal);

    /// <summary>The keys a host policy judges; their positions go with the spec (see <see cref="SettingPositions"/>).</summary>
    private static readonly string[] PolicyKeys =
        ["privileged", "network_mode", "pid", "ipc", "uts", "cap_add", "security_opt", "devices", "user", "read_only", "volumes", "sysctls"];

    private ServiceReader(ComposeContext context, string name, YamlMap map)
    {
        _context = context;
        _name = name;
        _map = map;
    }

    private string What => $"service '{_name}'";

    public static ServiceEntry? Read(ComposeContext context, string name, YamlNode keyNode, YamlNode node)
    {
        if (!ProjectName.IsValidService(name))
        {
            context.Error(keyNode, $"invalid service name '{name}'; expected {ProjectName.ExpectedService}");
        }
        var map = context.Map(node, $"service '{name}'");
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, $"service '{name}'", ComposeKeys.Service, ComposeKeys.ServiceUnsupported, allowExtensions: true);
        return new ServiceReader(context, name, map).Build(keyNode);
    }

    private ServiceEntry Build(YamlNode keyNode)
    {
        var networkMode = ReadNetworkMode();
        var deploy = ReadDeploy();
        var replicas = ReadReplicas(deploy.Replicas);
        var pidsLimit = ReadPidsLimit(deploy.Limits);
        var resources = ReadResources(deploy.Limits, pidsLimit);
        var (image, build) = ReadImage(keyNode);
        var spec = new ServiceSpec
        {
            Name = _name,
            Image = image,
            Build = build,
            Command = ReadCommand("command"),
            Entrypoint = ReadCommand("entrypoint"),
            Environment = ReadEnvironment(),
            SensitiveEnvironment = ValueList.Sorted(_sensitiveVariables, StringComparer.Ordinal),
            Ports = ReadPorts(),
            Expose = ReadExpose(),
            Mounts = ReadMounts(),
            NetworkMode = networkMode,
            Networks = ReadNetworks(networkMode),
            DependsOn = ReadDependsOn(),
            Healthcheck = ReadHealthcheck(),
            Restart = ReadRestart(deploy.Restart),
            ContainerName = ReadContainerName(replicas),
            Hostname = _map.String("hostname"),
            User = _map.String("user"),
            WorkingDir = _map.String("working_dir"),
            Labels = KeyValueReader.ReadMap(_context, _map["labels"], $"'labels' of {What}"),
            StopSignal = _map.String("stop_signal"),
            StopGracePeriod = ReadDuration(_map, "stop_grace_period"),
            CapAdd = SortedStrings("cap_add"),
            CapDrop = SortedStrings("cap_drop"),
            Privileged = _map.Bool("privileged") ?? false,
            ReadOnly = _map.Bool("read_only") ?? false,
            SecurityOpt = SortedStrings("security_opt"),
            Tmpfs = ReadTmpfs(),
            Sysctls = KeyValueReader.ReadMap(_context, _map["sysctls"], $"'sysctls' of {What}"),
            Ulimits = ReadUlimits(),
            ExtraHosts = ReadExtraHosts(),
            // Resolver order matters, so dns keeps the order as written.
            Dns = ValueList.From(_map.StringList("dns", allowScalar: true)?.Select(d => d.Value) ?? []),
            Init = _map.Bool("init"),
            StdinOpen = _map.Bool("stdin_open") ?? false,
            Tty = _map.Bool("tty") ?? false,
            Logging = ReadLogging(),
            PidsLimit = pidsLimit,
            Platform = _map.String("platform"),
            PullPolicy = ReadPullPolicy(),
            Replicas = replicas,
            Resources = resources,
            MemswapLimit = ReadMemswap(resources.MemoryBytes),
            MemSwappiness = _map.Integer("mem_swappiness", 0, 100),
            OomScoreAdj = ReadOomScoreAdj(),
            Pid = ReadPid(),
            Ipc = ReadIpc(),
            Uts = ReadUts(),
            Devices = ReadDevices() is { Count: > 0 } devices ? devices : null,
            DeviceRequests = ReadGpus().Concat(deploy.Devices).ToList() is { Count: > 0 } requests ? ValueList.From(requests) : null,
            Runtime = _map.String("runtime"),
            Secrets = ReadGrants("secrets", _context.Secrets, _context.DeclaredSecrets, "/run/secrets/"),
            Configs = ReadGrants("configs", _context.Configs, _context.DeclaredConfigs, "/"),
            Links = ReadLinks(),
            UpdateOrder = deploy.Order,
        };
        WarnUnhonouredOrder(spec, deploy.OrderAt);
        _settingPositions[SettingPositions.Key(_name, "")] = _context.At(keyNode);
        foreach (var key in PolicyKeys.Where(_map.Has))
        {
            _settingPositions[SettingPositions.Key(_name, key)] = _map.KeyPosition(key);
        }
        return new ServiceEntry(spec, ReadProfiles(), _context.At(keyNode), _references)
        {
            ContainerNameAt = _map["container_name"] is { } containerName ? _context.At(containerName) : null,
            PortPositions = _portPositions,
            SettingPositions = _settingPositions,
        };
    }

    /// <summary>
    /// The image to deploy. Beside <c>image:</c>, <c>build:</c> is CI's business and ignored with a warning; alone, it is
    /// built on the host when the stack allows it, tagged by the content hash of its context.
    /// </summary>
    private (string Image, BuildSpec? Build) ReadImage(YamlNode keyNode)
    {
        var image = _map.String("image");
        if (_map.Has("build"))
        {
            if (image is null)
            {
                if (!_context.Source.AllowBuild)
                {
                    _context.Diagnostics.Error(_map.KeyPosition("build"),
                        $"unsupported: build without image; add 'image:' with an image CI built, or let the agent build it on the host with 'policy: {{allowBuild: true}}' in {_context.Source.StackDirectory}/stack.yaml");
                    return ("", null);
                }
                var build = ReadBuild();
                return build is null ? ("", null) : ($"{_context.Project}-{_name.ToLowerInvariant()}:ctx-{build.ContextHash[..16]}", build);
            }
            _context.Diagnostics.Warning(_map.KeyPosition("build"), "build is ignored: images are built by CI");
        }
        if (!_map.Has("image"))
        {
            _context.Error(keyNode, $"{What} has no 'image'; expected an image reference like registry/name:tag");
        }
        else if (string.IsNullOrWhiteSpace(image) && _map["image"] is YamlScalarNode node)
        {
            _context.Error(node, $"'image' of {What} is empty; expected an image reference like registry/name:tag");
        }
        else if (image is not null && ImageReference.Problem(image) is { } problem)
        {
            _context.Error(_map["image"]!, $"invalid image '{image}' for {What}: {problem}");
        }
        return (image ?? "", null);
    }

    private string? ReadContainerName(int replicas)
    {
        var name = _map.String("container_name");
        if (name is not null && replicas > 1)
        {
            _context.Diagnostics.Error(_map.KeyPosition("container_name"), $"{What} sets 'container_name' and runs {replicas} replicas; container names must be unique, so use one or the other");
        }
        return name;
    }

    private ValueList<string> SortedStrings(string key) =>
        ValueList.Sorted(_map.StringList(key)?.Select(s => s.Value).Distinct(StringComparer.Ordinal) ?? [], StringComparer.Ordinal);

    private ValueList<string> ReadProfiles() => SortedStrings("profiles");

    private TimeSpan? ReadDuration(YamlMap map, string key)
    {
        var text = map.String(key);
        if (text is null)
        {
            return null;
        }
        if (DurationParser.TryParse(text, out var value))
        {
            return value;
        }
        _context.Error(map[key]!, $"invalid duration '{text}' for '{key}'; expected {DurationParser.Expected}");
        return null;
    }

    /// <summary>The items of a list-valued key (empty when absent), reporting a non-list.</summary>
    private IReadOnlyList<YamlNode> ListItems(string key, bool allowScalar = false)
    {
        var node = _map[key];
        if (node is null || YamlMap.IsNull(node))
        {
            return [];
        }
        return _context.Items(node, $"'{key}' of {What}", allowScalar) ?? [];
    }
}
