using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Tasks;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// The fleet tasks of the report's <c>tasks</c> section, group by group as <see cref="DriftTaskBuilder"/> builds a
/// host's own (the fleet store's jobs of the host's groups as the actual side), named <c>task@group</c>, with the host
/// that fired the latest occurrence. The last run is this host's own history of the task, when it ran one. Pure.
/// </summary>
public static class FleetDriftTaskBuilder
{
    public static ValueList<DriftTask> Build(
        IReadOnlyDictionary<string, TaskSpec> desired,
        IReadOnlyList<ScheduledTask> scheduled,
        IReadOnlyCollection<string> hostGroups,
        IReadOnlyDictionary<string, FleetTaskRun> latestFires,
        IReadOnlyDictionary<string, TaskRunRecord> lastRuns)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(scheduled);
        ArgumentNullException.ThrowIfNull(hostGroups);
        ArgumentNullException.ThrowIfNull(latestFires);
        var want = desired.Values.Where(t => t.RunOn is not null).ToList();
        var have = scheduled.Where(t => t.Spec.RunOn is { } g && (g == FleetTaskGroup.Fleet || hostGroups.Contains(g))).ToList();
        var tasks = new List<DriftTask>();
        foreach (var group in want.Select(t => t.RunOn!).Union(have.Select(t => t.Spec.RunOn!)).Order(StringComparer.Ordinal))
        {
            var section = DriftTaskBuilder.Build(
                want.Where(t => t.RunOn == group).ToDictionary(t => t.Name, StringComparer.Ordinal),
                [.. have.Where(t => t.Spec.RunOn == group)],
                lastRuns,
                []);
            foreach (var task in section)
            {
                var name = FleetTaskKeys.Display(task.Name, group);
                var fire = latestFires.GetValueOrDefault(name);
                tasks.Add(task with { Name = name, RunOn = group, LastFiredOn = fire?.Host, LastFiredFor = fire?.ScheduledAt });
            }
        }
        return ValueList.From(tasks);
    }
}
