using System.Text.Json.Serialization;

namespace GitOps.Reconciler.State;

/// <summary>One reconcile in the history.</summary>
/// <param name="Outcome">The outcome reason: Succeeded, NoChange, FetchFailed, VerificationFailed, ValidationFailed, ApplyFailed, HealthCheckFailed, PruneFailed.</param>
/// <param name="Message">For people: why it failed, or a summary.</param>
public sealed record ReconcileRecord(
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("revision")] string? Revision,
    [property: JsonPropertyName("duration")] TimeSpan Duration,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("resources")] IReadOnlyList<ResourceOutcome> Resources)
{
    /// <summary>Set by the store; 0 for a record not stored yet.</summary>
    [JsonPropertyName("id")]
    public long Id { get; init; }
}
