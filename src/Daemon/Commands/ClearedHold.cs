using System.Text.Json.Serialization;

namespace GitOps.Daemon.Commands;

/// <summary>A rollback hold <c>retry</c> cleared.</summary>
internal sealed record ClearedHold(
    [property: JsonPropertyName("stack")] string Stack,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("configHash")] string ConfigHash);
