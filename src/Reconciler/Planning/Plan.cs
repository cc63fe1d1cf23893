using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// What a reconcile will do on one host, the host plan: a value that <c>plan</c> prints and <c>sync</c> executes. It
/// holds one part per kind of desired state (<see cref="Kinds"/>: stacks, tasks) and the ordering <see cref="Edges"/>
/// between their resources. <see cref="Refusals"/> are safety stops (e.g. "would remove every stack"): when any is
/// present, nothing of the plan may be applied.
/// </summary>
public sealed record Plan(string Host, ValueList<IKindPlan> Kinds, ValueList<string> Refusals)
{
    /// <summary>A plan of the stacks kind alone.</summary>
    public Plan(string host, ValueList<StackPlan> stacks, ValueList<string> refusals)
        : this(host, ValueList.Of<IKindPlan>(new StacksPlan(stacks)), refusals)
    {
    }

    /// <summary>The stacks kind's plans, by name (none when the plan has no stacks part); set, it replaces that part.</summary>
    public ValueList<StackPlan> Stacks
    {
        get => Kinds.OfType<StacksPlan>().FirstOrDefault()?.Stacks ?? ValueList<StackPlan>.Empty;
        init => Kinds = With(Kinds, new StacksPlan(value) { ModelConsumers = Kinds.OfType<StacksPlan>().FirstOrDefault()?.ModelConsumers ?? ValueList<ModelConsumer>.Empty });
    }

    /// <summary>Ordering edges between resources of different kinds (a stack's network before a task that joins it).</summary>
    public ValueList<PlanEdge> Edges => PlanEdges.Between(Kinds);

    /// <summary>The kinds in the order they are applied: each after the kinds it needs.</summary>
    public IReadOnlyList<IKindPlan> ApplyOrder => PlanEdges.ApplyOrder(Kinds);

    public bool HasChanges => Kinds.Any(k => k.HasChanges);

    /// <summary>This plan with <paramref name="kind"/>'s part added, or put in place of that kind's part.</summary>
    public Plan With(IKindPlan kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return this with { Kinds = With(Kinds, kind) };
    }

    /// <summary>This plan with the parts of <paramref name="part"/> (one kind's plan) added and its refusals joined.</summary>
    public Plan With(Plan part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return this with
        {
            Kinds = part.Kinds.Aggregate(Kinds, With),
            Refusals = ValueList.From(Refusals.Concat(part.Refusals)),
        };
    }

    private static ValueList<IKindPlan> With(ValueList<IKindPlan> kinds, IKindPlan kind) =>
        kinds.Any(k => k.Kind == kind.Kind)
            ? ValueList.From(kinds.Select(k => k.Kind == kind.Kind ? kind : k))
            : ValueList.From(kinds.Append(kind));
}
