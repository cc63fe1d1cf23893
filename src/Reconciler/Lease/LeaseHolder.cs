namespace GitOps.Reconciler.Lease;

/// <summary>
/// Who holds the lease on an owner, from the heartbeats on the engine. Pure. A holder is alive while its newest
/// heartbeat is younger than the time to live; among live holders the one that acquired first holds the lease
/// (ties broken by holder id), so two agents that raced to acquire agree on the winner without talking.
/// </summary>
public static class LeaseHolder
{
    /// <summary>The record (newest heartbeat) of the holder, or null when no holder is alive.</summary>
    public static LeaseRecord? Of(IEnumerable<LeaseRecord> records, DateTimeOffset now, TimeSpan ttl) =>
        Live(records, now, ttl)
            .OrderBy(r => r.Acquired)
            .ThenBy(r => r.Holder, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Per live holder, its newest heartbeat (with the earliest acquisition time it claims).</summary>
    public static IEnumerable<LeaseRecord> Live(IEnumerable<LeaseRecord> records, DateTimeOffset now, TimeSpan ttl) =>
        records
            .GroupBy(r => r.Holder, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(r => r.Heartbeat).First() with { Acquired = g.Min(r => r.Acquired) })
            .Where(r => now - r.Heartbeat <= ttl);
}
