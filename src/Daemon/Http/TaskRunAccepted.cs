using System.Text.Json.Serialization;

namespace GitOps.Daemon.Http;

/// <summary>The JSON of <c>POST /tasks/NAME/run</c> when accepted (202): the request id and where to follow it.</summary>
public sealed record TaskRunAccepted(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("run")] string Run,
    [property: JsonPropertyName("follow")] string Follow)
{
    public static TaskRunAccepted Of(string task, string requestId) => new("accepted", task, requestId, $"/tasks/{task}/runs/{requestId}");
}
