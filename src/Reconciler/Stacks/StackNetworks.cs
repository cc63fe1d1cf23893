using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// A stack's networks: Create when missing, Replace when a setting differs (the engine cannot change
/// one in place, so every service attached to it is recreated too), Delete when no longer declared.
/// </summary>
internal static class StackNetworks
{
    public static IReadOnlyList<NetworkChange> Plan(StackSpec stack, ActualStack? actual)
    {
        var existing = actual?.Networks ?? ValueMap<ActualNetwork>.Empty;
        var changes = new List<NetworkChange>();
        foreach (var spec in stack.Networks.Values.Where(n => !n.External))
        {
            if (!existing.TryGetValue(spec.Key, out var network))
            {
                changes.Add(new(stack.Name, spec.Key, ChangeAction.Create, ValueList<FieldChange>.Empty, PlanReasons.NetworkMissing, spec, null));
                continue;
            }
            var fields = NetworkDiff.Between(spec, network.Spec);
            changes.Add(fields.Count == 0
                ? new(stack.Name, spec.Key, ChangeAction.NoOp, fields, PlanReasons.UpToDate, spec, network)
                : new(stack.Name, spec.Key, ChangeAction.Replace, fields, ReplaceReason(stack, spec.Key), spec, network));
        }
        foreach (var network in existing.Values.Where(n => !stack.Networks.ContainsKey(n.Key)))
        {
            changes.Add(new(stack.Name, network.Key, ChangeAction.Delete, ValueList<FieldChange>.Empty, PlanReasons.NetworkRemoved, null, network));
        }
        return changes;
    }

    private static string ReplaceReason(StackSpec stack, string key)
    {
        var attached = stack.Services.Values.Where(s => s.Networks.ContainsKey(key)).Select(s => s.Name).ToList();
        return attached.Count == 0
            ? "network settings differ"
            : $"network settings differ; recreates services attached to it ({string.Join(", ", attached)})";
    }
}
