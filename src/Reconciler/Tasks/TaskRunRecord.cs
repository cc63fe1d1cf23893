using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Tasks;

/// <summary>One fire of a task as history keeps it.</summary>
/// <param name="ScheduledAt">The fire time the run was for (the request time for a run a person asked for).</param>
/// <param name="ExitCode">The command's exit code; null when it never ran or was killed before it ended.</param>
/// <param name="Output">The last <see cref="TaskOutput.MaxBytes"/> of stdout and stderr, secrets masked.</param>
/// <param name="Revision">The revision that defined the task.</param>
/// <param name="Trigger">What started it: schedule, missed, manual.</param>
public sealed record TaskRunRecord(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("scheduledAt")] DateTimeOffset ScheduledAt,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("endedAt")] DateTimeOffset EndedAt,
    [property: JsonPropertyName("outcome")] TaskOutcome Outcome,
    [property: JsonPropertyName("exitCode")] int? ExitCode,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("revision")] string? Revision,
    [property: JsonPropertyName("trigger")] string Trigger,
    [property: JsonPropertyName("attempts")] int Attempts)
{
    [JsonPropertyName("id")]
    public long Id { get; init; }

    /// <summary>The request a person made for this run, when one did (held in memory only, not in history).</summary>
    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    [JsonPropertyName("duration")]
    public TimeSpan Duration => EndedAt - StartedAt;
}
