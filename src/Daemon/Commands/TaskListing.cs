using System.Text.Json.Serialization;
using GitOps.Reconciler.Tasks;

namespace GitOps.Daemon.Commands;

/// <summary>One line of <c>gitops-agent tasks</c> (and its JSON): a scheduled task and how it last ran.</summary>
internal sealed record TaskListing(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("schedule")] string Schedule,
    [property: JsonPropertyName("timeZone")] string? TimeZone,
    [property: JsonPropertyName("quartz")] IReadOnlyList<string> Quartz,
    [property: JsonPropertyName("suspended")] bool Suspended,
    [property: JsonPropertyName("suspendedBy")] string? SuspendedBy,
    [property: JsonPropertyName("nextFire")] DateTimeOffset? NextFire,
    [property: JsonPropertyName("lastRun")] TaskListingRun? LastRun)
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

internal sealed record TaskListingRun(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("outcome")] TaskOutcome Outcome,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("durationSeconds")] double DurationSeconds,
    [property: JsonPropertyName("exitCode")] int? ExitCode);
