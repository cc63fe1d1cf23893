using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting;

/// <summary>The plan's JSON contract, generated at build time; every name comes from a <see cref="JsonPropertyNameAttribute"/>.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PlanDocument))]
public sealed partial class PlanJsonContext : JsonSerializerContext;
