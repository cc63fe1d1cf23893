using System.Text.Json.Serialization;

namespace GitOps.Daemon.Commands;

/// <summary>What <c>retry --json</c> prints: <c>{"cleared": [{stack, service, configHash}]}</c>.</summary>
internal sealed record RetryResultJson([property: JsonPropertyName("cleared")] IReadOnlyList<ClearedHold> Cleared);
