using System.Text.Json;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting.Drift;

public class DriftReportJsonTests
{
    private static readonly JsonElement Schema = JsonSchemaCheck.LoadRepoFile("docs/drift-report.schema.json");

    private static JsonElement Parse(DriftReport report) => JsonDocument.Parse(DriftReportJson.Serialize(report)).RootElement.Clone();

    public static TheoryData<string> Samples() => ["mixed", "inSync", "stalled", "converging", "tasks", "models", "fleetTask"];

    private static DriftReport WithModels() => SampleReports.InSync() with
    {
        Tasks = SampleReports.Tasks(),
        Models = ValueList.Of(
            new DriftModel("ocr-layout", "3.1.0", new string('d', 64), "/srv/models/ocr-layout", ValueList.Of("ocr/worker"), ResourceStatus.Drifted,
                ValueList.Of("sha256 of layout.onnx: want 9f2c4e7a1b3d…, have 03ab4e7a1b3d…"), "host", null),
            new DriftModel("asr", "1", new string('e', 64), "/srv/models/asr", ValueList<string>.Empty, ResourceStatus.RolledBack,
                ValueList<string>.Empty, null, "model asr: consumer asr/api unhealthy after the switch to version 1")),
    };

    internal static DriftReport Sample(string name) => name switch
    {
        "mixed" => SampleReports.Mixed(),
        "inSync" => SampleReports.InSync(),
        "converging" => SampleReports.Mixed() with
        {
            Status = ReportStatus.Converging,
            LastAppliedRevision = new DriftCommit(new string('a', 40), "web v1", "Dev <dev@example.org>"),
            LastAttemptedRevision = new DriftCommit(new string('b', 40), null, null),
            HistoryRewrite = new DriftHistoryRewrite(new string('c', 40), new string('b', 40), new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)),
            Step = new DriftStep("pull demo/web", new DateTimeOffset(2026, 1, 1, 12, 0, 1, TimeSpan.Zero)),
        },
        "tasks" => SampleReports.InSync() with { Tasks = SampleReports.Tasks() },
        "models" => WithModels(),
        "fleetTask" => SampleReports.InSync() with
        {
            Tasks = ValueList.From(SampleReports.Tasks().Select((t, i) => i > 0 ? t : t with
            {
                Name = t.Name + "@prod",
                RunOn = "prod",
                LastFiredOn = "ocr-prod-2",
                LastFiredFor = new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero),
            })),
        },
        _ => SampleReports.WithStall(),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Serialize_Sample_MatchesSchema(string sample)
    {
        var errors = new JsonSchemaCheck(Schema).Check(Parse(Sample(sample)));

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Deserialize_Serialized_RoundTrips(string sample)
    {
        var report = Sample(sample);

        var back = DriftReportJson.Deserialize(DriftReportJson.Serialize(report, indented: false));

        Assert.Equal(report, back);
    }

    [Fact]
    public void Serialize_Report_CamelCaseNamesAndValues()
    {
        var root = Parse(SampleReports.Mixed());

        Assert.Equal(DriftReport.CurrentSchemaVersion, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("drifted", root.GetProperty("status").GetString());
        Assert.Equal("refs/heads/main", root.GetProperty("revision").GetProperty("ref").GetString());
        var api = root.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "api");
        Assert.Equal("service", api.GetProperty("kind").GetString());
        Assert.Equal("host", api.GetProperty("cause").GetString());
        Assert.Equal("2026-11-23T10:00:00+00:00", api.GetProperty("since").GetString());
        Assert.False(api.TryGetProperty("key", out _));
        Assert.False(api.TryGetProperty("differs", out _));
    }

    [Fact]
    public void Deserialize_VersionOneReportWithoutTasks_ReadsWithNoTasksSection()
    {
        var json = DriftReportJson.Serialize(SampleReports.InSync(), indented: false)
            .Replace($"\"schemaVersion\":{DriftReport.CurrentSchemaVersion}", "\"schemaVersion\":1", StringComparison.Ordinal)
            .Replace(",\"tasks\":null", "", StringComparison.Ordinal);

        var back = DriftReportJson.Deserialize(json);

        Assert.Equal(1, back.SchemaVersion);
        Assert.Null(back.Tasks);
    }

    [Fact]
    public void Serialize_TasksSection_CamelCaseStatusAndOutcome()
    {
        var root = Parse(SampleReports.InSync() with { Tasks = SampleReports.Tasks() });

        var backup = root.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "backup");
        Assert.Equal("failed", backup.GetProperty("status").GetString());
        Assert.Equal("timedOut", backup.GetProperty("lastRun").GetProperty("outcome").GetString());
        Assert.False(backup.TryGetProperty("isOutOfSync", out _));
    }

    /// <summary>One schema version (2) holds both sections that are new since version 1.</summary>
    [Fact]
    public void Serialize_ModelsSection_BesideTasksInVersionTwoWithExplicitNames()
    {
        var root = Parse(WithModels());

        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("tasks").ValueKind);
        var model = root.GetProperty("models").EnumerateArray().First();
        Assert.Equal(
            ["name", "version", "digest", "path", "consumers", "status", "differences", "cause", "lastError"],
            model.EnumerateObject().Select(p => p.Name));
        Assert.Equal("drifted", model.GetProperty("status").GetString());
        Assert.Equal("rolledBack", root.GetProperty("models")[1].GetProperty("status").GetString());
    }

    [Fact]
    public void Serialize_SecretValueInReport_Masked()
    {
        var report = SampleReports.InSync();
        var leaky = report with
        {
            Resources = ValueList.Of(report.Resources[0] with { Differences = ValueList.Of(new DriftDifference("environment.DB_PASSWORD", "hunter2", "letmein")) }),
        };

        var json = DriftReportJson.Serialize(leaky);

        Assert.DoesNotContain("hunter2", json, StringComparison.Ordinal);
        Assert.DoesNotContain("letmein", json, StringComparison.Ordinal);
        Assert.Contains("******", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_Enums_MatchTheModel()
    {
        static IEnumerable<string?> Values(string def) =>
            Schema.GetProperty("$defs").GetProperty(def).GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        static IEnumerable<string?> Names<TEnum>() where TEnum : struct, Enum =>
            Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName);

        Assert.Equal(Names<ReportStatus>(), Values("reportStatus"));
        Assert.Equal(Names<ResourceStatus>(), Values("resourceStatus"));
        Assert.Equal(Names<DriftKind>(), Values("kind"));
        Assert.Equal(Names<DriftCause>().Append(null), Values("cause"));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
    }

    [Fact]
    public void Check_ReportMissingAField_Reported()
    {
        var json = JsonSerializer.SerializeToElement(new { schemaVersion = 1, host = "h" });

        var errors = new JsonSchemaCheck(Schema).Check(json);

        Assert.Contains(errors, e => e.Contains("'resources' is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Deserialize_NewerSchemaVersion_Refused()
    {
        var json = DriftReportJson.Serialize(SampleReports.InSync() with { SchemaVersion = DriftReport.CurrentSchemaVersion + 1 });

        Assert.Throws<JsonException>(() => DriftReportJson.Deserialize(json));
    }

    [Fact]
    public void Deserialize_MissingRequiredProperty_Refused()
    {
        Assert.ThrowsAny<JsonException>(() => DriftReportJson.Deserialize("{\"schemaVersion\":1,\"host\":\"h\"}"));
    }
}
