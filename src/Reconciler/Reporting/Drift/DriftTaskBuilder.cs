using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Tasks;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// Builds the report's <c>tasks</c> section from the host's desired tasks (local suspensions folded in), the job
/// store's tasks and each task's last run. A pending change wins (Missing for a create, Drifted for an update or a
/// task git no longer has); then Suspended; then Failed when the last run failed or timed out; else InSync. Pure.
/// </summary>
public static class DriftTaskBuilder
{
    public static ValueList<DriftTask> Build(
        IReadOnlyDictionary<string, TaskSpec> desired,
        IReadOnlyList<ScheduledTask> scheduled,
        IReadOnlyDictionary<string, TaskRunRecord> lastRuns,
        IReadOnlyList<TaskSuspension> localSuspensions)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(scheduled);
        ArgumentNullException.ThrowIfNull(lastRuns);
        ArgumentNullException.ThrowIfNull(localSuspensions);
        var plan = TaskPlanner.Plan(desired, scheduled);
        var stored = scheduled.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var local = localSuspensions.ToDictionary(s => s.Task, StringComparer.Ordinal);
        var tasks = new List<DriftTask>();
        foreach (var change in plan.Changes)
        {
            var have = stored.GetValueOrDefault(change.Task);
            var spec = change.Desired ?? have!.Spec;
            var lastRun = lastRuns.GetValueOrDefault(change.Task) is { } run
                ? new DriftTaskRun(run.Id, run.Outcome, run.StartedAt, run.Duration.TotalSeconds, run.ExitCode, run.Message)
                : null;
            var differences = change.Action == ChangeAction.Delete
                ? ValueList.From([new DriftDifference("task", null, "scheduled")])
                : ValueList.From(change.Changes.Select(f => new DriftDifference(f.Field, SecretMask.Apply(f.Field, f.Desired), SecretMask.Apply(f.Field, f.Actual))));
            var status = change.Action switch
            {
                ChangeAction.Create => DriftTaskStatus.Missing,
                ChangeAction.NoOp when spec.Suspended => DriftTaskStatus.Suspended,
                ChangeAction.NoOp when lastRun?.Outcome is TaskOutcome.Failed or TaskOutcome.TimedOut => DriftTaskStatus.Failed,
                ChangeAction.NoOp => DriftTaskStatus.InSync,
                _ => DriftTaskStatus.Drifted,
            };
            tasks.Add(new DriftTask(
                change.Task,
                status,
                spec.Schedule,
                have?.TimeZone ?? TaskFields.TimeZoneOf(spec),
                status is DriftTaskStatus.Suspended or DriftTaskStatus.Missing ? null : have?.NextFire,
                lastRun,
                differences,
                spec.Suspended ? SuspendedBy(change.Task, local) : null));
        }
        return ValueList.From(tasks);
    }

    private static string SuspendedBy(string task, Dictionary<string, TaskSuspension> local) =>
        local.TryGetValue(task, out var s) ? $"{s.By} on this host" + (s.Reason is null ? "" : ": " + s.Reason) : DriftTask.GitSuspension;
}
