using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Planning;

public enum StackAction
{
    /// <summary>The stack is targeted: create/update/replace its resources as listed.</summary>
    Converge,

    /// <summary>The stack exists on the host but is no longer targeted: remove it.</summary>
    Teardown,

    /// <summary>Suspended (repo or local): reported, never touched; its changes are informational.</summary>
    Suspended,
}

/// <summary>
/// The changes of one stack, in the order they must be applied: networks and volumes first,
/// then services in depends_on order; for a teardown, services first, then networks (and volumes if opted in).
/// </summary>
public sealed record StackPlan(string Stack, StackAction Action, DesiredStack? Desired, ValueList<ResourceChange> Changes)
{
    /// <summary>
    /// Old containers of a start-first replace that were renamed out of the way (<see cref="ServiceSteps.RetiringName"/>)
    /// and are still there: being stopped by the pass that replaced them, or left by one that was killed. Their service
    /// already runs its new containers, so they are no drift; the apply stops and removes them.
    /// </summary>
    public ValueList<Actual.ActualContainer> Retiring { get; init; } = ValueList<Actual.ActualContainer>.Empty;

    /// <summary>
    /// The changes in the batches the apply runs one after the other, as indexes into <see cref="Changes"/>
    /// (<see cref="ChangeBatches.Of"/>): the services that get containers side by side, everything else one at a time.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Batches => ChangeBatches.Of(Changes);

    /// <summary>
    /// Per service that gets containers: the services of its batch it waits for before it starts, and for what
    /// (<see cref="ChangeBatches.WaitsOf"/>); a service that waits for nothing has an empty list.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(string Service, DependencyWait Wait)>> Waits
    {
        get
        {
            var waits = new Dictionary<string, IReadOnlyList<(string Service, DependencyWait Wait)>>(StringComparer.Ordinal);
            for (var i = 0; i < Changes.Count; i++)
            {
                if (Changes[i] is ServiceChange { Desired: not null, Action: not ChangeAction.Delete } service)
                {
                    waits[service.Name] = [.. ChangeBatches.WaitsOf(Changes, i).Select(w => (Changes[w.Index].Name, w.Wait))];
                }
            }
            return waits;
        }
    }

    /// <summary>
    /// What <c>plan</c> lists for the stack: its changes, then the removal of each retiring container (under its own name,
    /// so it never reads as a removal of its service).
    /// </summary>
    public ValueList<ResourceChange> Shown => Retiring.Count == 0 ? Changes
        : ValueList.From(Changes.Concat(Retiring.Select(c => (ResourceChange)new ServiceChange(
            Stack, c.Name, ChangeAction.Delete, ValueList<FieldChange>.Empty, PlanReasons.Retiring, null, null, ValueList.Of(c)))));

    public bool HasChanges => Action != StackAction.Suspended && (Changes.Any(c => c.Action != ChangeAction.NoOp) || Retiring.Count > 0);
}
