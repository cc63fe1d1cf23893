using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Http;

/// <summary>The HTTP endpoints could not bind their address: the daemon stops before its first reconcile.</summary>
public sealed class ListenFailedException(string address, string reason, string? owner, Exception? inner = null)
    : Exception($"cannot listen on {address}: {reason}{(owner is null ? "" : $" (held by {owner})")}", inner)
{
    public string Address { get; } = address;

    public string? Owner { get; } = owner;

    /// <summary>
    /// The web server's failure to bind <paramref name="listen"/> (the host's start throws it), said for people with the
    /// process that holds the port when it can be found; null for any other exception.
    /// </summary>
    public static ListenFailedException? From(Exception error, ListenAddress listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        return error is IOException io && ListenerOwner.IsBindFailure(io)
            ? new ListenFailedException(listen.ToString(), (io.InnerException ?? io).Message, ListenerOwner.Find(listen.Port), io)
            : null;
    }
}
