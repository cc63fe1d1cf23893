using System.Net;
using GitOps.Reconciler.Common;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>Reads a network's <c>ipam:</c> section, checking every subnet, range and address as the engine would.</summary>
internal static class IpamReader
{
    public static NetworkIpam? Read(ComposeContext context, YamlNode? node, string network)
    {
        var what = $"'ipam' of {network}";
        var map = node is null ? null : context.Map(node, what);
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, what, ComposeKeys.Ipam, path: "ipam.");
        var pools = new List<IpamPool>();
        var items = map["config"] is { } config && !Yaml.YamlMap.IsNull(config) ? context.Items(config, $"'ipam.config' of {network}") ?? [] : [];
        foreach (var item in items)
        {
            if (ReadPool(context, item, network) is { } pool)
            {
                pools.Add(pool);
            }
        }
        return new NetworkIpam(
            map.String("driver"),
            ValueList.Sorted(pools),
            KeyValueReader.ReadMap(context, map["options"], $"'ipam.options' of {network}", allowList: false));
    }

    private static IpamPool? ReadPool(ComposeContext context, YamlNode item, string network)
    {
        var what = $"an ipam.config entry of {network}";
        var map = context.Map(item, what);
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, what, ComposeKeys.IpamConfig, path: "ipam.config.");
        var subnet = Cidr(context, map, "subnet");
        var range = Cidr(context, map, "ip_range");
        var gateway = Address(context, map, "gateway");
        var aux = KeyValueReader.ReadMap(context, map["aux_addresses"], $"'aux_addresses' of {what}", allowList: false);
        foreach (var (name, value) in aux)
        {
            if (!IPAddress.TryParse(value, out _))
            {
                context.Error(map["aux_addresses"]!, $"invalid aux address '{value}' for '{name}'; expected an IP address");
            }
        }
        if (subnet is { } net)
        {
            CheckInside(context, map, "ip_range", range is { } r ? r.BaseAddress : null, net);
            CheckInside(context, map, "gateway", gateway, net);
        }
        else if (range is not null || gateway is not null)
        {
            context.Diagnostics.Error(map.Position, $"{what} sets ip_range or gateway without 'subnet'");
        }
        return new IpamPool(map.String("subnet"), map.String("ip_range"), map.String("gateway"), aux);
    }

    private static IPNetwork? Cidr(ComposeContext context, Yaml.YamlMap map, string key)
    {
        var text = map.String(key);
        if (text is null)
        {
            return null;
        }
        if (text.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(text, out var network))
        {
            return network;
        }
        context.Error(map[key]!, $"invalid {key} '{text}'; expected a CIDR like 172.28.0.0/16");
        return null;
    }

    private static IPAddress? Address(ComposeContext context, Yaml.YamlMap map, string key)
    {
        var text = map.String(key);
        if (text is null)
        {
            return null;
        }
        if (IPAddress.TryParse(text, out var address))
        {
            return address;
        }
        context.Error(map[key]!, $"invalid {key} '{text}'; expected an IP address");
        return null;
    }

    private static void CheckInside(ComposeContext context, Yaml.YamlMap map, string key, IPAddress? address, IPNetwork subnet)
    {
        if (address is not null && !subnet.Contains(address))
        {
            context.Error(map[key]!, $"{key} '{map.String(key)}' is outside subnet {subnet}");
        }
    }
}
