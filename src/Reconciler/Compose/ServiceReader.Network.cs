using System.Globalization;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>How the service is reached: ports, expose, networks, network_mode, extra_hosts and links.</summary>
internal sealed partial class ServiceReader
{
    private ValueList<PortBinding> ReadPorts()
    {
        var bindings = new List<PortBinding>();
        foreach (var item in ListItems("ports"))
        {
            if (item is YamlMappingNode)
            {
                if (ReadLongPort(item) is { } binding)
                {
                    bindings.Add(binding);
                }
                continue;
            }
            var text = _context.Scalar(item, $"a port of {What}");
            if (text is null)
            {
                continue;
            }
            var parsed = PortParser.ParseShort(text, out var error);
            if (parsed is null)
            {
                _context.Error(item, $"invalid port '{text}' in {What}: {error}");
            }
            bindings.AddRange(parsed ?? []);
        }
        return ValueList.Sorted(bindings.Distinct());
    }

    private PortBinding? ReadLongPort(YamlNode item)
    {
        var map = _context.Map(item, $"a port of {What}");
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, $"a port of {What}", ComposeKeys.Port, ComposeKeys.PortUnsupported, "ports.");
        var target = map.Integer("target", 1, 65535);
        if (!map.Has("target"))
        {
            _context.Diagnostics.Error(map.Position, $"a port of {What} needs 'target', the container port");
        }
        int? published = null;
        var publishedText = map.String("published");
        if (publishedText is { Length: > 0 })
        {
            if (PortParser.TryPort(publishedText, out var port))
            {
                published = port;
            }
            else
            {
                _context.Error(map["published"]!, $"invalid published port '{publishedText}'; expected a port number between 1 and 65535");
            }
        }
        var protocol = map.String("protocol") ?? "tcp";
        if (!PortParser.IsProtocol(protocol))
        {
            _context.Error(map["protocol"]!, $"invalid protocol '{protocol}'; expected tcp, udp or sctp");
        }
        return target is null ? null : new PortBinding(map.String("host_ip") ?? "", published, (int)target, protocol);
    }

    /// <summary>Exposed ports normalised to <c>port/protocol</c>, ranges expanded.</summary>
    private ValueList<string> ReadExpose()
    {
        var ports = new List<string>();
        foreach (var item in ListItems("expose"))
        {
            var text = _context.Scalar(item, $"an exposed port of {What}");
            if (text is null)
            {
                continue;
            }
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            var protocol = slash < 0 ? "tcp" : text[(slash + 1)..];
            var range = PortParser.Range(slash < 0 ? text : text[..slash]);
            if (range is null || !PortParser.IsProtocol(protocol))
            {
                _context.Error(item, $"invalid exposed port '{text}' in {What}; expected a port or range like 3000, 3000-3005 or 3000/udp");
                continue;
            }
            ports.AddRange(range.Select(p => p.ToString(CultureInfo.InvariantCulture) + "/" + protocol));
        }
        return ValueList.Sorted(ports.Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private string? ReadNetworkMode()
    {
        var mode = _map.String("network_mode");
        if (mode is null)
        {
            return null;
        }
        foreach (var prefix in (string[])["service:", "container:"])
        {
            if (mode.StartsWith(prefix, StringComparison.Ordinal) && mode.Length == prefix.Length)
            {
                _context.Error(_map["network_mode"]!, $"invalid network_mode '{mode}'; expected a name after '{prefix}'");
            }
        }
        if (mode.StartsWith("service:", StringComparison.Ordinal) && mode.Length > "service:".Length)
        {
            _references.Add(new ServiceReference(_name, mode["service:".Length..], "network_mode", true, _map["network_mode"]!.At(_context.File)));
        }
        if (mode.Length == 0)
        {
            _context.Error(_map["network_mode"]!, "empty network_mode; expected none, host, bridge, service:<name> or container:<name>");
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
        return new NetworkAttachment(ValueList.Sorted(aliases, StringComparer.Ordinal), map.String("ipv4_address"), map.String("ipv6_address"));
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
                var text = _context.Scalar(item, $"an extra host of {What}");
                var separator = text?.IndexOf('=', StringComparison.Ordinal) is >= 0 and var eq ? eq : text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
                if (text is null || separator <= 0 || separator == text.Length - 1)
                {
                    if (text is not null)
                    {
                        _context.Error(item, $"invalid extra host '{text}' in {What}; expected name:address or name=address");
                    }
                    continue;
                }
                hosts.Add(text[..separator] + ":" + text[(separator + 1)..]);
            }
        }
        else
        {
            foreach (var (name, address, position) in KeyValueReader.Read(_context, node, $"'extra_hosts' of {What}", allowList: false))
            {
                if (address is null)
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
