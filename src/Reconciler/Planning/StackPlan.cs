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

    public bool HasChanges => Action != StackAction.Suspended && (Changes.Any(c => c.Action != ChangeAction.NoOp) || Retiring.Count > 0);
}
