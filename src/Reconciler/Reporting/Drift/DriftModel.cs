using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>One model of the host in the drift report's <c>models</c> section (schema version 2).</summary>
/// <param name="Digest">The wanted version's digest (SHA-256 over its sorted "name sha256" lines).</param>
/// <param name="Differences">Field by field, for people: "sha256 of layout.onnx: want 9f2c…, have 03ab…".</param>
/// <param name="Cause">Who made the difference: <c>git</c> (a new version) or <c>host</c> (changed on the host); null when in sync.</param>
public sealed record DriftModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("consumers")] ValueList<string> Consumers,
    [property: JsonPropertyName("status")] ResourceStatus Status,
    [property: JsonPropertyName("differences")] ValueList<string> Differences,
    [property: JsonPropertyName("cause")] string? Cause,
    [property: JsonPropertyName("lastError")] string? LastError);
