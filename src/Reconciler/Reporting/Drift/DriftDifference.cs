using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>One differing field, named as in a compose file; null means absent on that side. Secret values are masked.</summary>
public sealed record DriftDifference([property: JsonPropertyName("field")] string Field, [property: JsonPropertyName("desired")] string? Desired, [property: JsonPropertyName("actual")] string? Actual);
