using System.Text.Json;
using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting.Drift;

/// <summary>
/// The daemon reads back drift reports an earlier version stored: the AOT-safe options write what the reflection-based
/// converters wrote, and read it.
/// </summary>
public class DriftReportJsonEquivalenceTests
{
    private static JsonSerializerOptions Reflection(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = DriftReportJsonContext.Default,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = indented,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new ReflectionValueListConverter());
        return options;
    }

    public static TheoryData<string> Samples() => ["mixed", "inSync", "stalled", "converging", "tasks", "models", "fleetTask", "everything"];

    private static DriftReport Sample(string name) => name == "everything"
        ? DriftReportJsonTests.Sample("models") with
        {
            Status = ReportStatus.Stalled,
            LastError = "a \"quoted\" <error> & é\u2028",
            Stalled = SampleReports.WithStall().Stalled,
            LastAppliedRevision = new DriftCommit(new string('a', 40), "web v1", "Dev <dev@example.org>"),
            HistoryRewrite = new DriftHistoryRewrite(new string('c', 40), new string('b', 40), new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.FromHours(2))),
            Step = new DriftStep("pull demo/web", new DateTimeOffset(2026, 1, 1, 12, 0, 1, TimeSpan.Zero)),
            Warnings = ValueList.Of("host policy defaulted", ""),
            Rollout = new DriftRollout(new string('d', 40), "canary", "wave prod", Halted: true),
            Resources = SampleReports.Mixed().Resources,
        }
        : DriftReportJsonTests.Sample(name);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Serialize_EachSample_SameAsReflection(string name)
    {
        var report = Sample(name);
        var masked = DriftReportJson.Masked(report);

        Assert.Equal(JsonSerializer.Serialize(masked, Reflection(indented: true)), DriftReportJson.Serialize(report));
        Assert.Equal(JsonSerializer.Serialize(masked, Reflection(indented: false)), DriftReportJson.Serialize(report, indented: false));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Deserialize_WhatReflectionWrote_SameReport(string name)
    {
        var stored = JsonSerializer.Serialize(DriftReportJson.Masked(Sample(name)), Reflection(indented: false));

        Assert.Equal(JsonSerializer.Deserialize<DriftReport>(stored, Reflection(indented: false)), DriftReportJson.Deserialize(stored));
    }

    [Fact]
    public void Deserialize_EnumAsNumber_RefusedAsBefore()
    {
        var stored = DriftReportJson.Serialize(SampleReports.InSync(), indented: false).Replace("\"status\":\"inSync\"", "\"status\":0", StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DriftReport>(stored, Reflection(indented: false)));
        Assert.Throws<JsonException>(() => DriftReportJson.Deserialize(stored));
    }

    [Fact]
    public void Options_EveryEnumAndValueListOfTheContext_HasAConverter()
    {
        var options = DriftReportJson.Options(indented: false);
        var known = typeof(DriftReport).Assembly.GetTypes().Where(t => t.IsEnum)
            .Concat(typeof(DriftReport).Assembly.GetTypes().Where(t => t.IsPublic && !t.ContainsGenericParameters && !t.IsByRefLike && !t.IsAbstract).Select(t => typeof(ValueList<>).MakeGenericType(t)))
            .Append(typeof(ValueList<string>))
            .Where(t => DriftReportJsonContext.Default.GetTypeInfo(t) is not null);

        Assert.Empty(known.Where(t => !options.Converters.Any(c => c.CanConvert(t))).Select(t => t.FullName));
    }

    // The converter the report used before it was made AOT-safe, kept as the reference.
    private sealed class ReflectionValueListConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueList<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

        private sealed class Converter<T> : JsonConverter<ValueList<T>>
        {
            public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                ValueList.From(JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? []);

            public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options)
            {
                writer.WriteStartArray();
                foreach (var item in value)
                {
                    JsonSerializer.Serialize(writer, item, options);
                }
                writer.WriteEndArray();
            }
        }
    }
}
