using System.Text.Json.Serialization;
using GitOps.Reconciler.Tasks;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>A task's last run that ran, as the report shows it (its output stays in history: <c>task logs</c>).</summary>
/// <param name="Id">The run's id in history.</param>
public sealed record DriftTaskRun(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("outcome")] TaskOutcome Outcome,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("durationSeconds")] double DurationSeconds,
    [property: JsonPropertyName("exitCode")] int? ExitCode,
    [property: JsonPropertyName("message")] string? Message);
