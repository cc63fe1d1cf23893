using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>The followed ref moved to a commit that does not descend from the one before (a force-push): from → to.</summary>
public sealed record DriftHistoryRewrite([property: JsonPropertyName("from")] string From, [property: JsonPropertyName("to")] string To, [property: JsonPropertyName("at")] DateTimeOffset At);
