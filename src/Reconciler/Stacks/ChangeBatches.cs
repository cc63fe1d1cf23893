using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// A stack plan's changes in batches that may run at once, each batch after the one before. Consecutive services
/// that get containers (the planner lists them in dependency order) are batched by <see cref="DependencyOrder.Levels"/>,
/// so independent services start and pass their gates side by side while depends_on still holds between levels;
/// every other change (networks, volumes, deletes) is a batch of its own, in the plan's order.
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
            if (changes[i] is ServiceChange { Action: not ChangeAction.Delete, Desired: not null })
            {
                services.Add(i);
                continue;
            }
            AddLevels(changes, services, batches);
            batches.Add([i]);
        }
        AddLevels(changes, services, batches);
        return batches;
    }

    private static void AddLevels(IReadOnlyList<ResourceChange> changes, List<int> services, List<IReadOnlyList<int>> batches)
    {
        if (services.Count == 0)
        {
            return;
        }
        var index = services.ToDictionary(i => changes[i].Name, StringComparer.Ordinal);
        var specs = services.ToDictionary(i => changes[i].Name, i => ((ServiceChange)changes[i]).Desired!, StringComparer.Ordinal);
        batches.AddRange(DependencyOrder.Levels(specs).Select(level => (IReadOnlyList<int>)[.. level.Select(name => index[name]).Order()]));
        services.Clear();
    }
}
