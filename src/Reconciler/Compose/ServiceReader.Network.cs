using System.Net;
using System.Net.Sockets;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>How the service joins networks: networks, network_mode, extra_hosts and links.</summary>
internal sealed partial class ServiceReader
{
    /// <summary><c>service:name</c> also orders startup, so it joins the dependency checks.</summary>
    private string? ReadNetworkMode()
    {
        var mode = _map.String("network_mode");
        if (mode is null)
        {
            return null;
        }
        var node = _map["network_mode"]!;
        if (mode.Length == 0 || mode is "service:" or "container:")
        {
            _context.Error(node, $"invalid network_mode '{mode}'; expected none, host, bridge, service:<name> or container:<name>");
        }
        else if (mode.StartsWith("service:", StringComparison.Ordinal))
        {
            _references.Add(new ServiceReference(_name, mode["service:".Length..], "network_mode", true, _context.At(node)));
        }
        return mode;
    }

    /// <summary>Attachments by network key; a service without networks and without network_mode joins <c>default</c>.</summary>
    private ValueMap<NetworkAttachment> ReadNetworks(string? networkMode)
    {
        var node = _map["networks"];
        if (node is null || YamlMap.IsNull(node))
        {
            return networkMode is null
                ? ValueMap<NetworkAttachment>.Empty.With("default", NetworkAttachment.Plain)
                : ValueMap<NetworkAttachment>.Empty;
        }
        if (networkMode is not null)
        {
            _context.Diagnostics.Error(_map.KeyPosition("networks"), $"{What} sets both 'networks' and 'network_mode'; use one of them");
            return ValueMap<NetworkAttachment>.Empty;
        }
        var attachments = new Dictionary<string, NetworkAttachment>(StringComparer.Ordinal);
        if (node is YamlSequenceNode)
        {
            foreach (var item in ListItems("networks"))
            {
                if (_context.Scalar(item, $"a network of {What}") is { } key && CheckNetworkDeclared(key, item))
                {
                    attachments[key] = NetworkAttachment.Plain;
                }
            }
            return ValueMap.From(attachments);
        }
        var map = _context.Map(node, $"'networks' of {What}");
        foreach (var (key, keyNode, value) in map?.Entries ?? [])
        {
            if (CheckNetworkDeclared(key, keyNode) && ReadAttachment(key, value) is { } attachment)
            {
                attachments[key] = attachment;
            }
        }
        return ValueMap.From(attachments);
    }

    private NetworkAttachment? ReadAttachment(string key, YamlNode value)
    {
        var what = $"network '{key}' of {What}";
        var map = _context.Map(value, what);
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, what, ComposeKeys.ServiceNetwork, ComposeKeys.ServiceNetworkUnsupported, "networks.");
        var aliases = map.StringList("aliases")?.Select(a => a.Value).Distinct(StringComparer.Ordinal) ?? [];
        var ipv4 = ReadAddress(map, "ipv4_address", AddressFamily.InterNetwork);
        var ipv6 = ReadAddress(map, "ipv6_address", AddressFamily.InterNetworkV6);
        CheckInDeclaredSubnet(key, map, "ipv4_address", ipv4);
        CheckInDeclaredSubnet(key, map, "ipv6_address", ipv6);
        return new NetworkAttachment(ValueList.Sorted(aliases, StringComparer.Ordinal), ipv4, ipv6);
    }

    /// <summary>
    /// The engine gives a fixed address only on a network with a subnet the user configured, and only inside it; known
    /// now for a network of this file (an external one is not known until the host).
    /// </summary>
    private void CheckInDeclaredSubnet(string key, YamlMap map, string field, string? text)
    {
        if (text is null || !IPAddress.TryParse(text, out var address)
            || (_context.Networks.TryGetValue(key, out var network) && network.External))
        {
            return;
        }
        var subnets = (network?.Ipam?.Config ?? ValueList<IpamPool>.Empty)
            .Select(p => p.Subnet is not null && IPNetwork.TryParse(p.Subnet, out var subnet) ? subnet : (IPNetwork?)null)
            .OfType<IPNetwork>()
            .Where(s => s.BaseAddress.AddressFamily == address.AddressFamily)
            .ToList();
        if (subnets.Count == 0)
        {
            _context.Error(map[field]!, $"{field} '{text}' of {What} needs a subnet for it under networks.{key}.ipam.config; the engine gives fixed addresses only on networks with a configured subnet");
        }
        else if (!subnets.Exists(s => s.Contains(address)))
        {
            _context.Error(map[field]!, $"{field} '{text}' of {What} is outside the subnets of network '{key}' ({string.Join(", ", subnets)})");
        }
    }

    private string? ReadAddress(YamlMap map, string key, AddressFamily family)
    {
        var text = map.String(key);
        if (text is null || (IPAddress.TryParse(text, out var address) && address.AddressFamily == family))
        {
            return text;
        }
        _context.Error(map[key]!, $"invalid {key} '{text}'; expected an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address");
        return null;
    }

    private bool CheckNetworkDeclared(string key, YamlNode at)
    {
        if (key == "default" || _context.Networks.ContainsKey(key))
        {
            return true;
        }
        _context.Error(at, $"{What} uses network '{key}', which is not declared under top-level 'networks'");
        return false;
    }

    /// <summary>Extra hosts as <c>name:address</c>; written as <c>name:address</c>, <c>name=address</c> or a map.</summary>
    private ValueList<string> ReadExtraHosts()
    {
        var node = _map["extra_hosts"];
        if (node is null || YamlMap.IsNull(node))
        {
            return ValueList<string>.Empty;
        }
        var hosts = new List<string>();
        if (node is YamlSequenceNode)
        {
            foreach (var item in ListItems("extra_hosts"))
            {
                if (_context.Scalar(item, $"an extra host of {What}") is not { } text)
                {
                    continue;
                }
                // "name=address" is the newer spelling; with ':' the name ends at the first one, so IPv6 addresses keep theirs.
                var equals = text.IndexOf('=', StringComparison.Ordinal);
                var separator = equals >= 0 ? equals : text.IndexOf(':', StringComparison.Ordinal);
                if (separator <= 0 || separator == text.Length - 1)
                {
                    _context.Error(item, $"invalid extra host '{text}' in {What}; expected name:address or name=address");
                    continue;
                }
                hosts.Add(text[..separator] + ":" + text[(separator + 1)..]);
            }
        }
        else
        {
            foreach (var (name, address, position) in KeyValueReader.Read(_context, node, $"'extra_hosts' of {What}", allowList: false))
            {
                if (string.IsNullOrEmpty(address))
                {
                    _context.Diagnostics.Error(position, $"extra host '{name}' of {What} has no address");
                    continue;
                }
                hosts.Add(name + ":" + address);
            }
        }
        return ValueList.Sorted(hosts.Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Links as <c>service[:alias]</c>; each also orders startup like depends_on.</summary>
    private ValueList<string> ReadLinks()
    {
        var links = new List<string>();
        foreach (var (text, position) in _map.StringList("links") ?? [])
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var target = colon < 0 ? text : text[..colon];
            _references.Add(new ServiceReference(_name, target, "links", true, position));
            links.Add(text);
        }
        return ValueList.Sorted(links.Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
    }
}
