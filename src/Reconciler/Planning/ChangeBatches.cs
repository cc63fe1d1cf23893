namespace GitOps.Reconciler.Planning;

/// <summary>
/// A stack plan's changes in batches, each batch after the one before. Consecutive services that get containers (the
/// planner lists them in dependency order) form one batch whose changes all begin at once, each waiting inside the batch
/// only for what <see cref="WaitsOf"/> says: a dependent of <c>service_started</c> starts as soon as its dependency runs,
/// so their gates overlap, while <c>service_healthy</c> and the like still wait for the dependency's gate. Every other
/// change (networks, volumes, deletes) is a batch of its own, in the plan's order. Pure: the stack plan carries the
/// result (<see cref="StackPlan.Batches"/>, <see cref="StackPlan.Waits"/>), which the executor only follows.
/// </summary>
public static class ChangeBatches
{
    /// <returns>Indexes into <paramref name="changes"/>, each batch in plan order.</returns>
    public static IReadOnlyList<IReadOnlyList<int>> Of(IReadOnlyList<ResourceChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var batches = new List<IReadOnlyList<int>>();
        var services = new List<int>();
        for (var i = 0; i < changes.Count; i++)
        {
            if (RunsContainers(changes[i]))
            {
                services.Add(i);
                continue;
            }
            if (services.Count > 0)
            {
                batches.Add([.. services]);
                services.Clear();
            }
            batches.Add([i]);
        }
        if (services.Count > 0)
        {
            batches.Add([.. services]);
        }
        return batches;
    }

    /// <summary>
    /// The changes of <paramref name="index"/>'s batch that it waits for before it starts, and for what
    /// (<see cref="ServiceChange.StartsAfter"/>). Only changes listed before it count: the planner lists dependencies
    /// first, and a cycle (the loader rejects them) can then never make two services wait for each other.
    /// </summary>
    public static IReadOnlyList<(int Index, DependencyWait Wait)> WaitsOf(IReadOnlyList<ResourceChange> changes, int index)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes[index] is not ServiceChange { Desired: not null } change)
        {
            return [];
        }
        var waits = new List<(int, DependencyWait)>();
        for (var i = index - 1; i >= 0 && RunsContainers(changes[i]); i--)
        {
            if (change.StartsAfter.TryGetValue(changes[i].Name, out var wait))
            {
                waits.Add((i, wait));
            }
        }
        waits.Reverse();
        return waits;
    }

    private static bool RunsContainers(ResourceChange change) => change is ServiceChange { Action: not ChangeAction.Delete, Desired: not null };
}
