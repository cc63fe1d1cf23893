using System.Text.Json;
using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Tasks;
using GitOps.Reconciler.Tests.Compose;

namespace GitOps.Reconciler.Tests.Json;

/// <summary>
/// JSON the agent stores (container labels, the job store, the history table) is read back by later versions: the
/// source-generated contracts write what the reflection-based serializer wrote before them, and read what it wrote.
/// </summary>
public class StoredJsonEquivalenceTests
{
    // The options each store used before source generation, kept here as the reference.
    private static readonly JsonSerializerOptions EnumsByName = new() { Converters = { new JsonStringEnumConverter() } };
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> SpecNames() => [.. ServiceSpecCorpus.Load().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void UnobservableFields_EachCorpusSpec_WrittenAndReadAsBefore(string name)
    {
        var fields = UnobservableFields.Of(ServiceSpecCorpus.Load().Single(s => s.Name == name));
        var before = JsonSerializer.Serialize(fields, EnumsByName);

        Assert.Equal(before, fields.ToJson());
        Assert.Equal(before, UnobservableFields.FromJson(before)!.ToJson());
    }

    [Fact]
    public void UnobservableFields_EnumWrittenAsNumber_ReadAsBefore()
    {
        const string Json = """{"PullPolicy":2,"Platform":null,"Secrets":[],"Configs":[],"DependsOn":{"db":{"Condition":"serviceHealthy","Restart":true,"Required":true}},"Links":[],"PidsInResources":false,"PidsInLimit":true}""";

        Assert.Equal(
            JsonSerializer.Serialize(JsonSerializer.Deserialize<UnobservableFields>(Json, EnumsByName), EnumsByName),
            UnobservableFields.FromJson(Json)!.ToJson());
    }

    private static readonly TaskSpec[] AllTasks =
    [
        new TaskSpec("backup", "0 3 * * *", ValueList.Of("0 0 3 ? * *"), "x", null, ValueMap<string>.Empty, ValueList<MountSpec>.Empty, TimeSpan.FromMinutes(5), false),
        new TaskSpec(
            "report \"q\" <é>", "@daily", ValueList.Of("0 0 0 ? * *", "0 0 0 1 * ?"), "127.0.0.1:5000/demo/job:v1", ValueList.Of("sh", "-c", "echo 'a&b'\n"),
            ValueMap.From([KeyValuePair.Create("B", "2"), KeyValuePair.Create("A", "\u2028")]),
            ValueList.Of(new MountSpec(MountType.Bind, "/srv/in", "/in", true), new MountSpec(MountType.Volume, "data", "/data", false)),
            TimeSpan.FromSeconds(90), true)
        {
            Exec = new TaskExecTarget("app", "web"),
            User = "1000",
            WorkingDir = "/w",
            Network = "app_default",
            PullAlways = true,
            TimeZone = "Europe/Berlin",
            RandomDelay = TimeSpan.FromSeconds(7),
            Concurrency = TaskConcurrency.Replace,
            Missed = TaskMissedPolicy.Skip,
            StartingDeadline = TimeSpan.FromMinutes(2),
            Retries = 3,
            RetryDelay = TimeSpan.FromSeconds(1),
        },
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void StoredTask_Written_SameAsReflectionAndReadBack(int index)
    {
        var spec = AllTasks[index];
        var before = JsonSerializer.Serialize(StoredTask.From(spec), EnumsByName);

        Assert.Equal(before, StoredTask.Write(spec));
        Assert.Equal(spec, StoredTask.Read(before));
    }

    [Fact]
    public void StoredTask_EnumsAsNumbersOrAnyCase_ReadAsBefore()
    {
        var json = StoredTask.Write(AllTasks[^1])
            .Replace("\"Bind\"", "0", StringComparison.Ordinal).Replace("\"Replace\"", "\"replace\"", StringComparison.Ordinal);

        Assert.Equal(
            JsonSerializer.Serialize(JsonSerializer.Deserialize<StoredTask>(json, EnumsByName), EnumsByName),
            StoredTask.Write(StoredTask.Read(json)));
    }

    [Fact]
    public void JobData_ReadAsBefore()
    {
        var json = """{"spec":"{\"name\":\"a\\u0022\"}","revision":"abc\u00e9","other":""}"""u8.ToArray();

        Assert.Equal(JsonSerializer.Deserialize<Dictionary<string, string>>(json), JsonSerializer.Deserialize(json, TaskJsonContext.Default.DictionaryStringString));
    }

    private static readonly IReadOnlyList<ResourceOutcome> Outcomes =
    [
        new("service", "app", "web", "update", "ok"),
        new("task", "", "backup \"nightly\"", "create", "failed", "exit <1> & more") { ExitCode = 1, Logs = ["line 1", "é\u2028"] },
        new("model", "m", "n", "noop", "ok") { Logs = [] },
    ];

    [Fact]
    public void History_Resources_WrittenAsBefore()
    {
        Assert.Equal(
            JsonSerializer.Serialize(Outcomes, Web),
            JsonSerializer.Serialize(Outcomes, HistoryJsonContext.Default.IReadOnlyListResourceOutcome));
    }

    [Fact]
    public void History_ResourcesInAnyCase_ReadAsBefore()
    {
        var json = JsonSerializer.Serialize(Outcomes, Web).Replace("\"kind\"", "\"Kind\"", StringComparison.Ordinal).Replace("\"exitCode\"", "\"EXITCODE\"", StringComparison.Ordinal);
        var before = JsonSerializer.Deserialize<List<ResourceOutcome>>(json, Web)!;

        Assert.Equal(
            JsonSerializer.Serialize(before, Web),
            JsonSerializer.Serialize(JsonSerializer.Deserialize(json, HistoryJsonContext.Default.ListResourceOutcome)!, Web));
        Assert.Equal(1, before[1].ExitCode);
    }
}
