using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Rollout;

/// <summary>
/// The rules of a wave's leases (at most maxUnavailable of its hosts replace services at once), pure; the store takes
/// and releases them atomically at the edge (<see cref="IRolloutStore"/>).
/// </summary>
public static class RolloutLeases
{
    /// <summary>True when applying <paramref name="plan"/> takes running services away for a while: a container replaced,
    /// updated, removed, or a stack torn down. Creating what did not run, networks, volumes, tasks and models need no lease.</summary>
    public static bool ReplacesServices(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Kinds.OfType<StacksPlan>().SelectMany(k => k.Stacks)
            .Where(s => s.Action != StackAction.Suspended)
            .SelectMany(s => s.Changes)
            .Any(c => c is ServiceChange { Action: ChangeAction.Replace or ChangeAction.Update or ChangeAction.Delete });
    }

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
