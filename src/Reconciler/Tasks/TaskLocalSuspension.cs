using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// Folds this host's local suspensions into the desired tasks: a task suspended here is desired paused, so the
/// planner keeps its triggers paused (and a resume unpauses them) exactly as for <c>suspended: true</c> in git. Pure.
/// </summary>
public static class TaskLocalSuspension
{
    public static IReadOnlyDictionary<string, TaskSpec> Apply(IReadOnlyDictionary<string, TaskSpec> desired, IReadOnlyCollection<string> suspended)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(suspended);
        if (suspended.Count == 0)
        {
            return desired;
        }
        return desired.ToDictionary(
            t => t.Key,
            t => !t.Value.Suspended && suspended.Contains(t.Key) ? t.Value with { Suspended = true } : t.Value,
            StringComparer.Ordinal);
    }
}
