namespace GitOps.Reconciler.Rollout;

/// <summary>The fleet store as the rollout gate and the wave leases see it.</summary>
public interface IRolloutStore
{
    /// <summary>The rows of <paramref name="hosts"/> (those that reported), with the database's clock.</summary>
    Task<RolloutSnapshot> ReadHostsAsync(IReadOnlyCollection<string> hosts, CancellationToken cancellationToken);

    /// <summary>
    /// Takes (or renews) <paramref name="host"/>'s lease of <paramref name="wave"/> when fewer than
    /// <paramref name="limit"/> other hosts hold an unexpired one; atomic across the fleet.
    /// </summary>
    Task<RolloutLeaseAttempt> TryTakeLeaseAsync(string host, string wave, string commit, int limit, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Pushes the expiry of the host's lease <paramref name="ttl"/> ahead; false when it holds none any more.</summary>
    Task<bool> RenewLeaseAsync(string host, TimeSpan ttl, CancellationToken cancellationToken);

    Task ReleaseLeaseAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The store's rows and its clock, read together.</summary>
public sealed record RolloutSnapshot(IReadOnlyList<RolloutHostState> Hosts, DateTimeOffset Now);

/// <summary>A lease taken, or the other hosts holding the wave's leases.</summary>
public sealed record RolloutLeaseAttempt(bool Taken, IReadOnlyList<string> Holders);
