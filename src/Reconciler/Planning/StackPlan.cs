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
    public bool HasChanges => Action != StackAction.Suspended && Changes.Any(c => c.Action != ChangeAction.NoOp);
}
