using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// A stack's named volumes: Create when missing. A volume that exists is never replaced or deleted
/// while its stack is converged, because that would lose its data: drift is reported as a NoOp
/// with the differing fields, and an undeclared volume is kept.
/// </summary>
internal static class StackVolumes
{
    public static IReadOnlyList<VolumeChange> Plan(StackSpec stack, ActualStack? actual)
    {
        var existing = actual?.Volumes ?? ValueMap<ActualVolume>.Empty;
        var changes = new List<VolumeChange>();
        foreach (var spec in stack.Volumes.Values.Where(v => !v.External))
        {
            if (!existing.TryGetValue(spec.Key, out var volume))
            {
                changes.Add(new(stack.Name, spec.Key, ChangeAction.Create, ValueList<FieldChange>.Empty, PlanReasons.VolumeMissing, spec, null));
                continue;
            }
            var fields = VolumeDiff.Between(spec, volume.Spec);
            changes.Add(new(stack.Name, spec.Key, ChangeAction.NoOp, fields, fields.Count == 0 ? PlanReasons.UpToDate : PlanReasons.VolumeDrift, spec, volume));
        }
        foreach (var volume in existing.Values.Where(v => !stack.Volumes.ContainsKey(v.Key)))
        {
            changes.Add(new(stack.Name, volume.Key, ChangeAction.NoOp, ValueList<FieldChange>.Empty, PlanReasons.VolumeUndeclared, null, volume));
        }
        return changes;
    }
}
