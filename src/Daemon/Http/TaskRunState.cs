using System.Text.Json.Serialization;
using GitOps.Reconciler.Tasks;

namespace GitOps.Daemon.Http;

/// <summary>
/// The JSON of <c>GET /tasks/NAME/runs/ID</c>: <c>state</c> is <c>pending</c> until the run is recorded, then
/// <c>finished</c> with its history id, outcome, exit code and times.
/// </summary>
public sealed record TaskRunState(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("requestedAt")] DateTimeOffset RequestedAt,
    [property: JsonPropertyName("runId")] long? RunId,
    [property: JsonPropertyName("outcome")] string? Outcome,
    [property: JsonPropertyName("exitCode")] int? ExitCode,
    [property: JsonPropertyName("startedAt")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("endedAt")] DateTimeOffset? EndedAt,
    [property: JsonPropertyName("message")] string? Message)
{
    public const string Pending = "pending";
    public const string Finished = "finished";

    public static TaskRunState Of(TaskRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = request.Run;
        return new TaskRunState(
            request.Id, request.Task, run is null ? Pending : Finished, request.RequestedAt,
            run?.Id, run?.Outcome.ToString(), run?.ExitCode, run?.StartedAt, run?.EndedAt, run?.Message);
    }
}
