using System.Globalization;
using GitOps.Reconciler.Common;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>Ports the service publishes on the host and exposes to other containers.</summary>
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
                    _portPositions.Add((binding, _context.At(item)));
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
            _portPositions.AddRange((parsed ?? []).Select(b => (b, _context.At(item))));
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
        // A plain engine always publishes on the host; swarm's routing mesh ("ingress") does not exist here.
        if (map.String("mode") is { } mode && mode != "host")
        {
            _context.Error(map["mode"]!, mode == "ingress" ? "unsupported: ports.mode: ingress" : $"invalid port mode '{mode}'; expected host");
        }
        var protocol = map.String("protocol") ?? "tcp";
        if (!PortParser.IsProtocol(protocol))
        {
            _context.Error(map["protocol"]!, $"invalid protocol '{protocol}'; expected tcp, udp or sctp");
        }
        var hostIp = map.String("host_ip") ?? "";
        if (hostIp.Length > 0 && !System.Net.IPAddress.TryParse(hostIp, out _))
        {
            _context.Error(map["host_ip"]!, $"invalid host_ip '{hostIp}'; expected an IP address like 127.0.0.1");
        }
        return target is null ? null : new PortBinding(hostIp, published, (int)target, protocol);
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
}
