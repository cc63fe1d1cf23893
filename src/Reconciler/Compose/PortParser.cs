using System.Globalization;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Compose's short port syntax <c>[[host_ip:]published:]target[/protocol]</c>, with equal-length ranges
/// (<c>8000-8001:8000-8001</c>) expanded into one binding per port.
/// </summary>
public static class PortParser
{
    public const string Expected = "a port like 8080, 8080:80, 127.0.0.1:8080:80, 8080:80/udp or 8000-8001:8000-8001";

    /// <summary>The bindings, or null with <paramref name="error"/> saying what is wrong with <paramref name="spec"/>.</summary>
    public static IReadOnlyList<PortBinding>? ParseShort(string spec, out string? error)
    {
        error = null;
        var (address, protocol) = SplitProtocol(spec);
        if (!IsProtocol(protocol))
        {
            error = $"unknown protocol '{protocol}'; expected tcp, udp or sctp";
            return null;
        }
        var lastColon = address.LastIndexOf(':');
        var targetText = lastColon < 0 ? address : address[(lastColon + 1)..];
        var hostPart = lastColon < 0 ? null : address[..lastColon];
        string hostIp = "";
        string? publishedText = null;
        if (hostPart is not null)
        {
            var ipColon = hostPart.LastIndexOf(':');
            publishedText = ipColon < 0 ? hostPart : hostPart[(ipColon + 1)..];
            hostIp = ipColon < 0 ? "" : hostPart[..ipColon].Trim('[', ']');
        }
        if (hostIp.Length > 0 && !System.Net.IPAddress.TryParse(hostIp, out _))
        {
            error = $"invalid host IP '{hostIp}'; expected {Expected}";
            return null;
        }
        var targets = Range(targetText);
        var published = string.IsNullOrEmpty(publishedText) ? null : Range(publishedText);
        if (targets is null || (publishedText is { Length: > 0 } && published is null))
        {
            error = "expected " + Expected;
            return null;
        }
        if (published is not null && published.Count != targets.Count)
        {
            error = "the published range and the target range must have the same length";
            return null;
        }
        return [.. targets.Select((target, n) => new PortBinding(hostIp, published?[n], target, protocol))];
    }

    public static bool IsProtocol(string protocol) => protocol is "tcp" or "udp" or "sctp";

    public static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    /// <summary>Ports of <c>n</c> or <c>a-b</c>, or null when not a valid port or range.</summary>
    public static IReadOnlyList<int>? Range(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return TryPort(text, out var single) ? [single] : null;
        }
        if (!TryPort(text[..dash], out var from) || !TryPort(text[(dash + 1)..], out var to) || to < from)
        {
            return null;
        }
        return [.. Enumerable.Range(from, to - from + 1)];
    }

    private static (string Address, string Protocol) SplitProtocol(string spec)
    {
        var slash = spec.LastIndexOf('/');
        return slash < 0 ? (spec, "tcp") : (spec[..slash], spec[(slash + 1)..]);
    }
}
