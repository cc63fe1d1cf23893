using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// The changes that remove a stack no longer targeted at the host: its services, then its networks.
/// Its named volumes are kept: only a stack's own stack.yaml can opt in to removing them, and a stack
/// that is gone from the repo no longer has one, so they are listed as kept.
/// </summary>
internal static class StackTeardown
{
    public static ValueList<ResourceChange> Plan(ActualStack actual)
    {
        var changes = new List<ResourceChange>();
        changes.AddRange(actual.Containers
            .GroupBy(c => c.Service)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => StackPlanner.Delete(actual.Name, g.Key, g, PlanReasons.StackRemoved)));
        changes.AddRange(actual.Networks.Values.Select(n =>
            new NetworkChange(actual.Name, n.Key, ChangeAction.Delete, ValueList<FieldChange>.Empty, PlanReasons.StackRemoved, null, n)));
        changes.AddRange(actual.Volumes.Values.Select(v =>
            new VolumeChange(actual.Name, v.Key, ChangeAction.NoOp, ValueList<FieldChange>.Empty, PlanReasons.VolumeOfRemovedStack, null, v)));
        return ValueList.From(changes);
    }
}
