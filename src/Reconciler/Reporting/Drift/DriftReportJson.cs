using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// A drift report as JSON (docs/drift-report.schema.json): camelCase names and enum values fixed by attributes on the
/// model and written by the source-generated <see cref="DriftReportJsonContext"/>, ISO 8601 times, every property
/// written (null when absent), properties in declaration order. The daemon persists it in this
/// form and reads it back with <see cref="Deserialize"/>; differences are masked once more on the way out.
/// </summary>
public static class DriftReportJson
{
    private static readonly JsonSerializerOptions Compact = Options(indented: false);
    private static readonly JsonSerializerOptions Indented = Options(indented: true);

    public static string Serialize(DriftReport report, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(Masked(report), Info(indented ? Indented : Compact));
    }

    /// <summary>Reads a report back; a report of another schema version is refused rather than misread.</summary>
    public static DriftReport Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var report = JsonSerializer.Deserialize(json, Info(Compact))
            ?? throw new JsonException("a drift report was expected, found null");
        if (report.SchemaVersion is < 1 or > DriftReport.CurrentSchemaVersion)
        {
            throw new JsonException($"drift report schema version {report.SchemaVersion} is not supported (expected 1 to {DriftReport.CurrentSchemaVersion})");
        }
        return report;
    }

    private static JsonTypeInfo<DriftReport> Info(JsonSerializerOptions options) => (JsonTypeInfo<DriftReport>)options.GetTypeInfo(typeof(DriftReport));

    internal static DriftReport Masked(DriftReport report) => report with
    {
        Resources = Common.ValueList.From(report.Resources.Select(r => r with
        {
            Differences = Common.ValueList.From(r.Differences.Select(d => d with
            {
                Desired = Common.SecretMask.Apply(d.Field, d.Desired),
                Actual = Common.SecretMask.Apply(d.Field, d.Actual),
            })),
        })),
    };

    internal static JsonSerializerOptions Options(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = DriftReportJsonContext.Default,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = indented,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        // Enums by camelCase name, numbers refused; one converter per enum of the model, as a trimmed build needs.
        options.Converters.Add(EnumByName<ReportStatus>());
        options.Converters.Add(EnumByName<DriftKind>());
        options.Converters.Add(EnumByName<ResourceStatus>());
        options.Converters.Add(EnumByName<DriftCause>());
        options.Converters.Add(EnumByName<DriftTaskStatus>());
        options.Converters.Add(EnumByName<Tasks.TaskOutcome>());
        options.Converters.Add(new ValueListJsonConverter<DriftResource>());
        options.Converters.Add(new ValueListJsonConverter<DriftTask>());
        options.Converters.Add(new ValueListJsonConverter<DriftModel>());
        options.Converters.Add(new ValueListJsonConverter<DriftDifference>());
        options.Converters.Add(new ValueListJsonConverter<DriftDiagnostic>());
        options.Converters.Add(new ValueListJsonConverter<string>());
        options.MakeReadOnly();
        return options;
    }

    private static JsonStringEnumConverter<TEnum> EnumByName<TEnum>()
        where TEnum : struct, Enum => new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
}
