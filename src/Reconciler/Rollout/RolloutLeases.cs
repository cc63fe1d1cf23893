namespace GitOps.Reconciler.Rollout;

/// <summary>
/// The rules of a wave's leases (at most maxUnavailable of its hosts replace services at once, see
/// <see cref="Planning.ServiceDisruption"/>), pure; the store takes and releases them atomically at the edge
/// (<see cref="IRolloutStore"/>).
/// </summary>
public static class RolloutLeases
{
    /// <summary>Whether one more host may take a lease while <paramref name="holders"/> (other hosts, unexpired) hold one.</summary>
    public static bool CanTake(int limit, IReadOnlyCollection<string> holders)
    {
        ArgumentNullException.ThrowIfNull(holders);
        return holders.Count < limit;
    }

    /// <summary>What a host that could not get a lease says.</summary>
    public static string Waiting(string wave, int limit, IReadOnlyCollection<string> holders)
    {
        ArgumentNullException.ThrowIfNull(holders);
        return $"waiting for a lease of wave {wave}: {holders.Count} of {limit} held by {string.Join(", ", holders.Order(StringComparer.Ordinal))}";
    }
}
