using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Tasks;

namespace GitOps.Reconciler.Reporting.Notifications;

/// <summary>
/// The tasks section's transitions: a task whose last run failed (or timed out) after one that succeeded, or its
/// first run failing, is <see cref="NotificationEvent.Failed"/>; a task that succeeds after a failed run is
/// <see cref="NotificationEvent.Recovered"/>. Skipped and missed fires are not runs and change nothing. Pure.
/// </summary>
public static class TaskTransitions
{
    public static IEnumerable<Transition> Detect(DriftReport? previous, DriftReport current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var before = previous?.Tasks?.ToDictionary(t => t.Name, StringComparer.Ordinal) ?? [];
        foreach (var task in current.Tasks ?? Common.ValueList<DriftTask>.Empty)
        {
            if (task.LastRun is not { } run || before.GetValueOrDefault(task.Name)?.LastRun is { } seen && seen.Id == run.Id)
            {
                continue;
            }
            var was = before.GetValueOrDefault(task.Name)?.LastRun?.Outcome;
            var (failed, wasFailed) = (IsFailure(run.Outcome), was is { } w && IsFailure(w));
            if (failed && !wasFailed)
            {
                yield return Of(NotificationEvent.Failed, current, task.Name, run.Message ?? run.Outcome.ToString());
            }
            else if (!failed && wasFailed)
            {
                yield return Of(NotificationEvent.Recovered, current, task.Name, $"run {run.Id} succeeded after a failed run");
            }
        }
    }

    private static bool IsFailure(TaskOutcome outcome) => outcome is TaskOutcome.Failed or TaskOutcome.TimedOut;

    private static Transition Of(NotificationEvent kind, DriftReport report, string task, string details) =>
        new(kind, report.Host, report.Revision, null, DriftKind.Task, task, "task " + task + ": " + details, report.GeneratedAt);
}
