using System.Text.Json.Serialization;

namespace GitOps.Reconciler.State;

/// <summary>What a reconcile did to one resource and how it ended (kept as JSON in the history).</summary>
public sealed record ResourceOutcome(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("stack")] string Stack,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("message")] string? Message = null)
{
    /// <summary>The exit code of the container that failed (read before it was removed).</summary>
    [JsonPropertyName("exitCode")]
    public int? ExitCode { get; init; }

    /// <summary>Its last log lines, secrets masked.</summary>
    [JsonPropertyName("logs")]
    public IReadOnlyList<string>? Logs { get; init; }
}
