using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// The ordering edges between the kinds of a host plan, and the order the kinds are applied in. Pure. An edge joins a
/// resource that provides a key (a stack's network) to one of another kind that needs it (a task that joins it). Kinds
/// are applied in the plan's order except where an edge puts one first; a cycle (none exists between today's kinds)
/// keeps the plan's order for its members.
/// </summary>
public static class PlanEdges
{
    public static ValueList<PlanEdge> Between(IReadOnlyList<IKindPlan> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var edges = new List<PlanEdge>();
        foreach (var consumer in kinds)
        {
            foreach (var need in consumer.Needs)
            {
                edges.AddRange(kinds.Where(k => k.Kind != consumer.Kind)
                    .SelectMany(k => k.Provides)
                    .Where(p => p.Key == need.Key)
                    .Select(p => new PlanEdge(p.Resource, need.Resource, need.Reason)));
            }
        }
        return ValueList.From(edges.Distinct());
    }

    /// <summary>The kinds in apply order: every kind after the kinds whose resources it needs.</summary>
    public static IReadOnlyList<IKindPlan> ApplyOrder(IReadOnlyList<IKindPlan> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var waiting = kinds.ToDictionary(
            k => k.Kind,
            k => kinds.Where(other => other.Kind != k.Kind && other.Provides.Any(p => k.Needs.Any(n => n.Key == p.Key)))
                .Select(other => other.Kind).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var order = new List<IKindPlan>();
        while (order.Count < kinds.Count)
        {
            var next = kinds.FirstOrDefault(k => !order.Contains(k) && waiting[k.Kind].All(b => order.Any(o => o.Kind == b)))
                ?? kinds.First(k => !order.Contains(k));
            order.Add(next);
        }
        return order;
    }
}
