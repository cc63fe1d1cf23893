using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting;

/// <summary>
/// The JSON the agent prints is written by source-generated contracts whose names are explicit, and matches the
/// schema files in docs/.
/// </summary>
public class JsonContractTests
{
    private static readonly JsonElement PlanSchema = JsonSchemaCheck.LoadRepoFile("docs/plan.schema.json");
    private static readonly JsonElement SyncSchema = JsonSchemaCheck.LoadRepoFile("docs/sync-result.schema.json");
    private static readonly DateTimeOffset Started = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Plans() => ["mixed", "upToDate", "refused", "secret"];

    private static Plan SamplePlan(string name) => name switch
    {
        "mixed" => SamplePlans.Mixed(),
        "upToDate" => SamplePlans.UpToDate(),
        "refused" => SamplePlans.RefusingToRemoveAll(),
        _ => SamplePlans.WithFields(new FieldChange("environment.DB_PASSWORD", "new", null)),
    };

    public static TheoryData<string> SyncResults() => ["converged", "failed", "invalid"];

    private static ReconcileResult SampleResult(string name) => name switch
    {
        "converged" => new ReconcileResult(
            "host-1", "abc", ReconcileStatus.Converged, [], SamplePlans.Mixed(),
            new ApplyResult(
                ValueList.Of(new StackApplyResult("demo", ValueList.Of(
                    new ResourceApplyResult(ResourceKind.Container, "web", ApplyStatus.Applied, "replaced"),
                    new ResourceApplyResult(ResourceKind.Network, "default", ApplyStatus.Unchanged, "up to date")))),
                ValueList<string>.Empty),
            null, Started, TimeSpan.FromSeconds(2.5)),
        "failed" => new ReconcileResult(
            "host-1", null, ReconcileStatus.HealthCheckFailed, [], SamplePlans.Mixed(),
            new ApplyResult(
                ValueList.Of(new StackApplyResult("demo", ValueList.Of(
                    new ResourceApplyResult(ResourceKind.Container, "web", ApplyStatus.RolledBack, "unhealthy after 30s")))),
                ValueList<string>.Empty),
            "demo/web failed its health check", Started, TimeSpan.FromSeconds(31)),
        _ => new ReconcileResult(
            "host-1", null, ReconcileStatus.ValidationFailed,
            [new Diagnostic(Severity.Error, new SourcePosition("stacks/demo/compose.yaml", 4, 12), "unknown key 'imgae'"),
             new Diagnostic(Severity.Warning, new SourcePosition("tasks/x.json", 1, 1), "ignored")],
            null, null, "ValidationFailed: 1 error", Started, TimeSpan.Zero),
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void PlanJson_Sample_MatchesPlanSchema(string sample)
    {
        var json = JsonDocument.Parse(PlanJson.Render(SamplePlan(sample))).RootElement;

        Assert.Empty(new JsonSchemaCheck(PlanSchema).Check(json));
    }

    [Fact]
    public void PlanSchema_Check_CatchesAWrongDocument()
    {
        var json = JsonDocument.Parse(PlanJson.Render(SamplePlans.Mixed()).Replace("\"replace\"", "\"recreate\"", StringComparison.Ordinal)).RootElement;

        var errors = new JsonSchemaCheck(PlanSchema).Check(json);

        Assert.Contains(errors, e => e.Contains("\"recreate\" is not one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("property 'recreate' is not in the schema", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SyncResults))]
    public void SyncResultJson_Sample_MatchesSyncSchema(string sample)
    {
        var json = JsonDocument.Parse(ReconcileResultJson.Serialize(ReconcileResultJson.From(SampleResult(sample)))).RootElement;

        Assert.Empty(new JsonSchemaCheck(SyncSchema).Check(json));
    }

    [Fact]
    public void SyncResultJson_Converged_NamesAsDocumented()
    {
        var json = ReconcileResultJson.Serialize(ReconcileResultJson.From(SampleResult("converged")));

        Assert.StartsWith("{\n  \"version\": 1,\n  \"host\": \"host-1\",\n  \"status\": \"Converged\",\n  \"startedAt\": \"2026-11-23T10:00:00+00:00\",\n  \"durationSeconds\": 2.5,\n", json, StringComparison.Ordinal);
        Assert.Contains("{\n      \"stack\": \"demo\",\n      \"kind\": \"container\",\n      \"name\": \"web\",\n      \"status\": \"Applied\",\n      \"reason\": \"replaced\"\n    }", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"error\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Schemas_Enums_MatchTheModels()
    {
        static IEnumerable<string?> Values(JsonElement schema, params string[] path) =>
            path.Aggregate(schema, (node, part) => node.GetProperty(part)).GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        static IEnumerable<string> Camel<TEnum>() where TEnum : struct, Enum => Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName);

        Assert.Equal(Camel<ChangeAction>().Order(), Values(PlanSchema, "$defs", "change", "properties", "action").Order());
        Assert.Equal(Camel<StackAction>().Order(), Values(PlanSchema, "$defs", "stack", "properties", "action").Order());
        Assert.Equal(Camel<ContainerAction>().Order(), Values(PlanSchema, "$defs", "step", "properties", "action").Order());
        Assert.Equal(Camel<ServiceGate>().Order(), Values(PlanSchema, "$defs", "change", "properties", "gate").Order());
        Assert.Equal(Enum.GetNames<ReconcileStatus>(), Values(SyncSchema, "properties", "status"));
        Assert.Equal(Enum.GetNames<ApplyStatus>(), Values(SyncSchema, "$defs", "resource", "properties", "status"));
    }

    public static TheoryData<string> Contracts() => ["plan", "drift", "sync", "validate", "history", "retry", "http", "tasks", "taskHistory", "taskRun", "taskRunAccepted", "models", "modelsGc"];

    private static JsonTypeInfo Root(string contract) => contract switch
    {
        "plan" => PlanJsonContext.Default.PlanDocument,
        "drift" => DriftReportJsonContext.Default.DriftReport,
        "sync" => ReconcileResultJsonContext.Default.ReconcileResultJson,
        "validate" => Daemon.Cli.CliJsonContext.Default.IReadOnlyListDiagnosticJson,
        "history" => Daemon.Cli.CliJsonContext.Default.IReadOnlyListReconcileRecord,
        "retry" => Daemon.Cli.CliJsonContext.Default.RetryResultJson,
        "tasks" => Daemon.Cli.CliJsonContext.Default.IReadOnlyListTaskListing,
        "taskHistory" => Daemon.Cli.CliJsonContext.Default.IReadOnlyListTaskRunRecord,
        "taskRun" => Daemon.Http.TaskHttpJsonContext.Default.TaskRunState,
        "taskRunAccepted" => Daemon.Http.TaskHttpJsonContext.Default.TaskRunAccepted,
        "models" => Daemon.Cli.CliJsonContext.Default.IReadOnlyListModelListing,
        "modelsGc" => Daemon.Cli.CliJsonContext.Default.ModelCollectionJson,
        _ => Daemon.Http.HttpJsonContext.Default.HttpAnswer,
    };

    [Fact]
    public void HttpAnswer_Bodies_AsDocumented()
    {
        static string Json(Daemon.Http.HttpAnswer answer) => JsonSerializer.Serialize(answer, Daemon.Http.HttpJsonContext.Default.HttpAnswer);

        Assert.Equal("{\"status\":\"alive\"}", Json(new(Status: "alive")));
        Assert.Equal("{\"status\":\"accepted\",\"merged\":false}", Json(new(Status: "accepted", Merged: false)));
        Assert.Equal("{\"status\":\"duplicate\",\"delivery\":\"d-1\"}", Json(new(Status: "duplicate", Delivery: "d-1")));
        Assert.Equal("{\"status\":\"ready\",\"lastReconcile\":\"succeeded\",\"engine\":\"reachable\"}",
            Json(new(Status: "ready", LastReconcile: "succeeded", Engine: "reachable")));
        Assert.Equal("{\"error\":\"the body is too large\"}", Json(new(Error: "the body is too large")));
    }

    /// <summary>Every member every contract writes is named by an attribute, so renaming a C# member cannot change a schema.</summary>
    [Theory]
    [MemberData(nameof(Contracts))]
    public void Contract_EveryProperty_NamedExplicitly(string contract)
    {
        var unnamed = new List<string>();
        var seen = new HashSet<Type>();
        var root = Root(contract);
        Visit(root.Type);
        Assert.Empty(unnamed);
        Assert.True(seen.Count >= 2, "the walk reached the contract's types");

        void Visit(Type type)
        {
            if (!seen.Add(type))
            {
                return;
            }
            var info = root.Options.GetTypeInfo(type);
            if (info.ElementType is { } element)
            {
                Visit(element);
            }
            if (Nullable.GetUnderlyingType(type) is { IsEnum: true } nullableEnum)
            {
                Visit(nullableEnum);
            }
            if (type.IsEnum)
            {
                unnamed.AddRange(type.GetFields(BindingFlags.Public | BindingFlags.Static)
                    .Where(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>() is null)
                    .Select(f => $"{type.Name}.{f.Name}"));
            }
            foreach (var derived in info.PolymorphismOptions?.DerivedTypes ?? [])
            {
                Visit(derived.DerivedType);
            }
            var written = info.Kind == JsonTypeInfoKind.Object ? info.Properties : [];
            foreach (var property in written.Where(p => p.AttributeProvider?.IsDefined(typeof(JsonIgnoreAttribute), inherit: true) != true))
            {
                if (property.AttributeProvider?.IsDefined(typeof(JsonPropertyNameAttribute), inherit: true) != true)
                {
                    unnamed.Add($"{type.Name}.{property.Name}");
                }
                Visit(property.PropertyType);
            }
        }
    }
}
