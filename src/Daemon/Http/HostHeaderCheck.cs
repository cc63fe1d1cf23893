using System.Net;
using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Http;

/// <summary>
/// The DNS-rebinding guard: a browser tricked into calling the agent sends the attacker's host name in its Host header.
/// A request is answered only when the header names the listen address, another IP address when listening on all of
/// them, <c>localhost</c> when loopback is reachable, or one of <c>http.allowedHosts</c>.
/// </summary>
public sealed class HostHeaderCheck(ListenAddress listen, IEnumerable<string> allowedHosts)
{
    private readonly HashSet<string> _allowed = new(allowedHosts.Select(h => h.Trim().ToLowerInvariant()), StringComparer.Ordinal);
    private readonly IPAddress? _listen = IPAddress.TryParse(listen.Host, out var address) ? address : null;
    private readonly bool _listenIsLoopback = listen.IsLoopback;

    /// <param name="host">The Host header's host part, without the port (IPv6 in brackets or not).</param>
    public bool Allows(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }
        var name = host.Trim().TrimStart('[').TrimEnd(']').ToLowerInvariant();
        if (_allowed.Contains(name))
        {
            return true;
        }
        var wildcard = _listen is not null && (_listen.Equals(IPAddress.Any) || _listen.Equals(IPAddress.IPv6Any));
        if (name == "localhost")
        {
            return _listenIsLoopback || wildcard;
        }
        if (!IPAddress.TryParse(name, out var named))
        {
            return false;
        }
        // A literal address cannot be rebound to another machine by DNS.
        return wildcard || named.Equals(_listen) || (_listenIsLoopback && IPAddress.IsLoopback(named));
    }
}
