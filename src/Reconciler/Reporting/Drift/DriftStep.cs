using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>What the daemon's pass is doing right now (<c>fetch</c>, <c>apply</c>, <c>pull stack/service</c>) and since when,
/// so a slow step shows in the report while it lasts.</summary>
public sealed record DriftStep([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("since")] DateTimeOffset Since);
