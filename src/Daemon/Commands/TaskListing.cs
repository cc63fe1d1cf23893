using GitOps.Reconciler.Tasks;

namespace GitOps.Daemon.Commands;

/// <summary>One line of <c>gitops-agent tasks</c> (and its JSON): a scheduled task and how it last ran.</summary>
internal sealed record TaskListing(
    string Name,
    string Schedule,
    string? TimeZone,
    IReadOnlyList<string> Quartz,
    bool Suspended,
    string? SuspendedBy,
    DateTimeOffset? NextFire,
    TaskListingRun? LastRun)
{
    public static TaskListing Of(ScheduledTask task, TaskRunRecord? last, TaskSuspension? local) => new(
        task.Name,
        task.Spec.Schedule,
        task.TimeZone,
        [.. task.Crons],
        task.Paused,
        local is not null ? local.By + " on this host" + (local.Reason is null ? "" : ": " + local.Reason) : task.Paused ? "git" : null,
        task.Paused ? null : task.NextFire,
        last is null ? null : new TaskListingRun(last.Id, last.Outcome, last.StartedAt, Math.Round(last.Duration.TotalSeconds, 3), last.ExitCode));
}

internal sealed record TaskListingRun(long Id, TaskOutcome Outcome, DateTimeOffset StartedAt, double DurationSeconds, int? ExitCode);
