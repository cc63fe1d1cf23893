namespace GitOps.Daemon.Http;

/// <summary>The HTTP endpoints could not bind their address: the daemon stops before its first reconcile.</summary>
public sealed class ListenFailedException(string address, string reason, string? owner, Exception? inner = null)
    : Exception($"cannot listen on {address}: {reason}{(owner is null ? "" : $" (held by {owner})")}", inner)
{
    public string Address { get; } = address;

    public string? Owner { get; } = owner;
}
