using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// The drift report's JSON contract (docs/drift-report.schema.json), generated at build time. Every name comes from a
/// <see cref="JsonPropertyNameAttribute"/> or <see cref="JsonStringEnumMemberNameAttribute"/> on the model.
/// The lists are read into <see cref="List{T}"/> and kept as value lists (see <see cref="ValueListJsonConverter{T}"/>).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DriftReport))]
[JsonSerializable(typeof(List<DriftResource>))]
[JsonSerializable(typeof(List<DriftTask>))]
[JsonSerializable(typeof(List<DriftModel>))]
[JsonSerializable(typeof(List<DriftDifference>))]
[JsonSerializable(typeof(List<DriftDiagnostic>))]
[JsonSerializable(typeof(List<string>))]
public sealed partial class DriftReportJsonContext : JsonSerializerContext;
