using GitOps.Reconciler.Common;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>Host devices and device requests (GPUs): <c>devices</c>, <c>gpus</c>, <c>deploy.resources.reservations.devices</c>, <c>runtime</c>.</summary>
internal sealed partial class ServiceReader
{
    /// <summary><c>host[:container[:permissions]]</c>, or the long form; ordered by container path.</summary>
    private ValueList<DeviceSpec> ReadDevices()
    {
        var devices = new List<DeviceSpec>();
        foreach (var item in ListItems("devices"))
        {
            var device = item is YamlMappingNode ? ReadLongDevice(item) : ReadShortDevice(item);
            if (device is null)
            {
                continue;
            }
            if (devices.Exists(d => d.ContainerPath == device.ContainerPath))
            {
                _context.Error(item, $"{What} maps more than one device to '{device.ContainerPath}'");
                continue;
            }
            devices.Add(device);
        }
        return ValueList.Sorted(devices);
    }

    private DeviceSpec? ReadShortDevice(YamlNode item)
    {
        var text = _context.Scalar(item, $"a device of {What}");
        if (text is null)
        {
            return null;
        }
        if (!text.StartsWith('/') && text.Contains('=', StringComparison.Ordinal))
        {
            _context.Error(item, $"unsupported: CDI device '{text}' in {What} (needs engine API 1.44; the agent speaks {EngineApi.Version})");
            return null;
        }
        var parts = text.Split(':');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0))
        {
            _context.Error(item, $"invalid device '{text}' in {What}; expected host-path[:container-path[:permissions]]");
            return null;
        }
        return Device(parts[0], parts.Length > 1 ? parts[1] : parts[0], parts.Length > 2 ? parts[2] : null, item);
    }

    private DeviceSpec? ReadLongDevice(YamlNode item)
    {
        var what = $"a device of {What}";
        var map = _context.Map(item, what);
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, what, ComposeKeys.DeviceMapping, path: "devices.");
        var source = map.String("source", required: true, what: what);
        return source is null ? null : Device(source, map.String("target") ?? source, map.String("permissions"), item);
    }

    private DeviceSpec? Device(string host, string container, string? permissions, YamlNode at)
    {
        if (!host.StartsWith('/') || !container.StartsWith('/'))
        {
            _context.Error(at, $"invalid device '{host}:{container}' in {What}; expected absolute paths on the host and in the container");
            return null;
        }
        if (permissions is not null && (permissions.Length == 0 || permissions.Any(c => c is not ('r' or 'w' or 'm')) || permissions.Distinct().Count() != permissions.Length))
        {
            _context.Error(at, $"invalid device permissions '{permissions}' in {What}; expected a combination of r, w and m");
            return null;
        }
        return new DeviceSpec(host, container, permissions ?? DeviceSpec.AllPermissions);
    }

    /// <summary><c>gpus: all</c> or a list of requests; compose adds the <c>gpu</c> capability to each.</summary>
    private List<DeviceRequestSpec> ReadGpus()
    {
        var node = _map["gpus"];
        if (node is null || YamlMap.IsNull(node))
        {
            return [];
        }
        if (node is YamlScalarNode { Value: var text })
        {
            if (text == "all")
            {
                return [new DeviceRequestSpec("", -1, ValueList<string>.Empty, ValueList.Of("gpu"), ValueMap<string>.Empty)];
            }
            _context.Error(node, $"invalid gpus '{text}' in {What}; expected all, or a list of device requests");
            return [];
        }
        return [.. (_context.Items(node, $"'gpus' of {What}") ?? [])
            .Select(item => ReadDeviceRequest(item, $"a gpus entry of {What}", "gpus.", gpu: true))
            .OfType<DeviceRequestSpec>()];
    }

    private List<DeviceRequestSpec> ReadReservedDevices(YamlMap? resources)
    {
        var reservations = resources?["reservations"] is { } r ? _context.Map(r, $"'deploy.resources.reservations' of {What}") : null;
        if (reservations is null)
        {
            return [];
        }
        ComposeKeys.Check(reservations, $"'deploy.resources.reservations' of {What}", ComposeKeys.Reservations, ComposeKeys.ReservationsUnsupported, "deploy.resources.reservations.");
        var node = reservations["devices"];
        if (node is null || YamlMap.IsNull(node))
        {
            return [];
        }
        return [.. (_context.Items(node, $"'deploy.resources.reservations.devices' of {What}") ?? [])
            .Select(item => ReadDeviceRequest(item, $"a reserved device of {What}", "deploy.resources.reservations.devices.", gpu: false))
            .OfType<DeviceRequestSpec>()];
    }

    /// <param name="gpu">A <c>gpus:</c> entry: the <c>gpu</c> capability is implied; a reservation must name its capabilities.</param>
    private DeviceRequestSpec? ReadDeviceRequest(YamlNode item, string what, string path, bool gpu)
    {
        var map = _context.Map(item, what);
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, what, ComposeKeys.DeviceRequest, path: path);
        var capabilities = map.StringList("capabilities")?.Select(c => c.Value).ToList() ?? [];
        if (gpu && !capabilities.Contains("gpu", StringComparer.Ordinal))
        {
            capabilities.Add("gpu");
        }
        if (capabilities.Count == 0)
        {
            _context.Diagnostics.Error(map.Position, $"{what} needs 'capabilities' (for example [gpu])");
            return null;
        }
        var ids = map.StringList("device_ids")?.Select(i => i.Value).ToList() ?? [];
        long? count = map.String("count") switch
        {
            null => null,
            "all" => -1,
            _ => map.Integer("count", 1),
        };
        if (count is not null && ids.Count > 0)
        {
            _context.Diagnostics.Error(map.KeyPosition("count"), $"{what} sets both 'count' and 'device_ids'; set one of them");
        }
        // Neither count nor ids: every device of the kind, as compose reserves it.
        return new DeviceRequestSpec(
            map.String("driver") ?? "",
            ids.Count > 0 ? 0 : count ?? -1,
            ValueList.From(ids),
            ValueList.From(capabilities),
            KeyValueReader.ReadMap(_context, map["options"], $"'options' of {what}", allowList: false));
    }
}
