using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// Diffs the host's fleet tasks against the fleet store's jobs of the groups the host belongs to, group by group, with
/// the per-host rules (<see cref="TaskPlanner"/>): every host of a group plans the same changes from the same commit,
/// and the first to apply them leaves the others nothing to do. Jobs of groups the host is not in are not its
/// concern, except those of a group the inventory no longer defines: no host is left in it, so every host removes
/// them. A change is named <c>task@group</c>. Pure.
/// </summary>
public static class FleetTaskPlanner
{
    /// <param name="inventoryGroups">Every group of the inventory; null when not known (then no other group's job is touched).</param>
    public static TaskPlan Plan(
        IReadOnlyDictionary<string, TaskSpec> desired, IReadOnlyList<ScheduledTask> scheduled, IReadOnlyCollection<string> hostGroups,
        IReadOnlyCollection<string>? inventoryGroups = null)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(scheduled);
        ArgumentNullException.ThrowIfNull(hostGroups);
        var want = desired.Values.Where(t => t.RunOn is not null).ToList();
        var have = scheduled.Where(t => t.Spec.RunOn is { } g && Concerns(g, hostGroups, inventoryGroups)).ToList();
        var changes = new List<TaskChange>();
        foreach (var group in want.Select(t => t.RunOn!).Union(have.Select(t => t.Spec.RunOn!)).Order(StringComparer.Ordinal))
        {
            var plan = TaskPlanner.Plan(
                want.Where(t => t.RunOn == group).ToDictionary(t => t.Name, StringComparer.Ordinal),
                [.. have.Where(t => t.Spec.RunOn == group)]);
            changes.AddRange(plan.Changes.Select(c =>
                new TaskChange(FleetTaskKeys.Display(c.Task, group), c.Action, c.Changes, c.Desired) { RunOn = group }));
        }
        return new TaskPlan(ValueList.From(changes));
    }

    /// <summary>Whether the fleet task jobs of <paramref name="runOn"/> are the host's to plan: its groups', <c>fleet</c>'s, and a removed group's.</summary>
    public static bool Concerns(string runOn, IReadOnlyCollection<string> hostGroups, IReadOnlyCollection<string>? inventoryGroups)
    {
        ArgumentNullException.ThrowIfNull(hostGroups);
        return runOn == FleetTaskGroup.Fleet || hostGroups.Contains(runOn) || (inventoryGroups is not null && !inventoryGroups.Contains(runOn));
    }

    /// <summary>The task's own name from a change's <c>task@group</c>.</summary>
    public static string TaskOf(TaskChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.RunOn is null ? change.Task : change.Task[..^(change.RunOn.Length + 1)];
    }
}
