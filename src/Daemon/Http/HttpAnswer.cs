using System.Text.Json.Serialization;

namespace GitOps.Daemon.Http;

/// <summary>
/// The small JSON bodies the endpoints answer with (<c>/healthz</c>, <c>/readyz</c>, errors, <c>/reconcile</c>); members
/// left null are not written. <c>/status</c> answers with the drift report itself.
/// </summary>
internal sealed record HttpAnswer(
    [property: JsonPropertyName("status")] string? Status = null,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("lastReconcile")] string? LastReconcile = null,
    [property: JsonPropertyName("engine")] string? Engine = null,
    [property: JsonPropertyName("step")] string? Step = null,
    [property: JsonPropertyName("merged")] bool? Merged = null,
    [property: JsonPropertyName("delivery")] string? Delivery = null);
