using System.Text.Json.Serialization;

namespace GitOps.Daemon.Commands;

/// <summary>What <c>models gc --json</c> prints: whether it was a dry run, and the paths removed (or that would be).</summary>
public sealed record ModelCollectionJson(
    [property: JsonPropertyName("dryRun")] bool DryRun,
    [property: JsonPropertyName("removed")] IReadOnlyList<string> Removed);
