using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using NSubstitute;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Fleet;

/// <summary>
/// A fleet task (<c>runOn: {oneOf: prod}</c>) on three agents of one process, each a node of Quartz's cluster on the
/// test PostgreSQL (as its host's own role) reaching it through a proxy of its own: each occurrence fires on exactly one of them, and when the
/// one that fired is cut off (its connections dropped, nothing cleaned up, as when its host dies), the others go on.
/// </summary>
public sealed class FleetTaskTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Group = "prod";

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));
    private readonly ILoggerFactory _loggers = TestOutputLoggerProvider.Factory(output);
    private readonly List<Agent> _agents = [];
    private FleetDatabase _database = null!;
    private NpgsqlDataSource _admin = null!;

    private CancellationToken Token => _timeout.Token;

    public async Task InitializeAsync()
    {
        _database = await FleetDatabase.CreateAsync(Token);
        _admin = NpgsqlDataSource.Create(_database.ConnectionString);
        await FleetMigrator.MigrateAsync(_admin, Token);
    }

    [Fact]
    public async Task FleetTask_ThreeAgents_EachOccurrenceFiresOnceAndMovesOnWhenTheFiringAgentDies()
    {
        var desired = Desired(Spec("tick"));
        var suffix = Guid.NewGuid().ToString("N")[..6];
        foreach (var host in new[] { "ft-a-" + suffix, "ft-b-" + suffix, "ft-c-" + suffix })
        {
            // Least privilege: each agent as its host's own role, as `fleet add-host` makes it.
            await FleetRoles.AddHostAsync(_admin, host, "unused", Token);
            _database.Track(FleetRoles.HostRole(host));
            StartAgent(host, FleetRoles.HostRole(host));
        }

        var plans = new List<TaskPlan>();
        foreach (var agent in _agents)
        {
            var plan = await agent.Schedule.PlanAsync(desired with { Host = agent.Host }, Token);
            await agent.Schedule.ApplyAsync(plan, "rev-1", Token);
            plans.Add(plan);
        }

        // The first agent schedules the shared job; the others find it as their commit defines it.
        Assert.Equal(ChangeAction.Create, Assert.Single(plans[0].Changes).Action);
        Assert.Equal("tick@prod", plans[0].Changes[0].Task);
        Assert.Equal(1, await _database.CountAsync($"SELECT count(*) FROM {FleetTaskTables.TablePrefix}job_details", Token));
        Assert.All(plans.Skip(1), p => Assert.False(p.HasChanges));

        var before = await WaitForOccurrencesAsync(4, after: DateTimeOffset.MinValue, "4 occurrences fired by the cluster");
        AssertEachOnce(before);

        var victim = _agents.Single(a => a.Host == before[^1].Host);
        var cutAt = before[^1].ScheduledAt;
        _agents.Remove(victim);
        victim.Proxy.Dispose();
        output.WriteLine($"cut off {victim.Host}, which fired the occurrence of {cutAt:HH:mm:ss}");

        var after = await WaitForOccurrencesAsync(4, after: cutAt, $"4 occurrences after {victim.Host} was cut off");
        var all = await RunsAsync();
        output.WriteLine(string.Join(Environment.NewLine, all.Select(r => $"{r.ScheduledAt:HH:mm:ss} {r.Host}")));
        AssertEachOnce(all);
        // The occurrence the victim may have held when it was cut is recovered by another node, never run twice.
        Assert.All(after.Skip(1), r => Assert.Contains(r.Host, _agents.Select(a => a.Host)));
        await victim.Schedule.DisposeAsync();
        await victim.Runs.DisposeAsync();
    }

    [Fact]
    public async Task FleetTask_SameNameInTwoGroups_TwoJobsEachFiredOnlyByItsGroupsHosts()
    {
        var prod = StartAgent("fg-prod");
        var gpu = StartAgent("fg-gpu");
        var prodState = Desired(Spec("tick")) with { Host = prod.Host };
        var gpuState = Desired(Spec("tick") with { RunOn = "gpu" }) with { Host = gpu.Host, Groups = ValueList.Of("gpu") };

        await prod.Schedule.ApplyAsync(await prod.Schedule.PlanAsync(prodState, Token), "rev-1", Token);
        await gpu.Schedule.ApplyAsync(await gpu.Schedule.PlanAsync(gpuState, Token), "rev-1", Token);

        await Eventually.TrueAsync(async () =>
        {
            var runs = await RunsAsync();
            return runs.Count(r => r.RunOn == "prod") >= 2 && runs.Count(r => r.RunOn == "gpu") >= 2;
        }, "both groups' jobs fired twice", TimeSpan.FromSeconds(60), Token);

        var all = await RunsAsync();
        Assert.All(all.Where(r => r.RunOn == "prod"), r => Assert.Equal(prod.Host, r.Host));
        Assert.All(all.Where(r => r.RunOn == "gpu"), r => Assert.Equal(gpu.Host, r.Host));
        // Each host plans only its own groups' jobs: the other group's job is no change of its.
        Assert.False((await prod.Schedule.PlanAsync(prodState, Token)).HasChanges);
        Assert.Equal(2, (await prod.Schedule.ReadAsync(Token)).Count);
    }

    private static TaskSpec Spec(string name) => new(
        name, "every 2 s", ValueList.Of("0/2 * * * * ?"), "registry/tick:1", ValueList.Of("true"), ValueMap<string>.Empty,
        ValueList<Reconciler.Compose.MountSpec>.Empty, TimeSpan.FromMinutes(1), Suspended: false)
    {
        TimeZone = "UTC",
        RunOn = Group,
        Concurrency = TaskConcurrency.Allow,
    };

    private static DesiredState Desired(TaskSpec task) => new(
        "", ValueList.Of(Group), ValueMap<DesiredStack>.Empty, ValueMap.From([KeyValuePair.Create(task.Name, task)]),
        ValueMap<ModelSpec>.Empty, FleetPolicy.Default);

    private Agent StartAgent(string host, string user = "postgres")
    {
        // Each agent reaches the database through its own proxy: cutting it is the host dying mid-cluster.
        var proxy = new StallingProxy(FleetDatabase.Port, long.MaxValue);
        var connection = new NpgsqlConnectionStringBuilder(_database.ConnectionStringAs(user)) { Port = proxy.Port, Timeout = 3, CommandTimeout = 10 }.ToString();
        var containers = Substitute.For<ITaskContainers>();
        containers.RunAsync(Arg.Any<TaskSpec>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new TaskAttempt(TaskOutcome.Succeeded, 0, "ok", null));
        var runner = new TaskRunner(containers, Substitute.For<ITaskHistory>(), new TaskRunnerOptions { Host = host }, TimeProvider.System, _loggers.CreateLogger<TaskRunner>());
        var runsSource = NpgsqlDataSource.Create(connection);
        var options = new FleetTaskScheduleOptions
        {
            ConnectionString = connection,
            Host = host,
            CheckinInterval = TimeSpan.FromSeconds(1),
            CheckinMisfireThreshold = TimeSpan.FromSeconds(2),
            IdleWaitTime = TimeSpan.FromSeconds(1),
        };
        var agent = new Agent(host, proxy, runsSource, new FleetTaskSchedule(options, runner, new PostgresFleetTaskRuns(runsSource), TimeProvider.System, _loggers));
        _agents.Add(agent);
        return agent;
    }

    private async Task<IReadOnlyList<FleetTaskRun>> RunsAsync() => await new PostgresFleetTaskRuns(_admin).AllAsync(Token);

    /// <summary>The runs of the first <paramref name="count"/> occurrences scheduled after <paramref name="after"/>, by occurrence.</summary>
    private async Task<IReadOnlyList<FleetTaskRun>> WaitForOccurrencesAsync(int count, DateTimeOffset after, string what)
    {
        IReadOnlyList<FleetTaskRun> seen = [];
        await Eventually.TrueAsync(async () =>
        {
            seen = [.. (await RunsAsync()).Where(r => r.ScheduledAt > after).OrderBy(r => r.ScheduledAt)];
            return seen.Select(r => r.ScheduledAt).Distinct().Count() >= count;
        }, () => $"{what}; seen: {string.Join(", ", seen.Select(r => $"{r.ScheduledAt:HH:mm:ss}@{r.Host}"))}", TimeSpan.FromSeconds(90), Token);
        return seen;
    }

    /// <summary>Every occurrence from the first to the last recorded once: none twice, none left out.</summary>
    private static void AssertEachOnce(IReadOnlyList<FleetTaskRun> runs)
    {
        var times = runs.Select(r => r.ScheduledAt).Order().ToList();
        Assert.Equal(times.Distinct().Count(), times.Count);
        var expected = Enumerable.Range(0, (int)((times[^1] - times[0]).TotalSeconds / 2) + 1).Select(i => times[0].AddSeconds(2 * i));
        Assert.Equal(expected, times);
    }

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.Schedule.DisposeAsync();
            agent.Proxy.Dispose();
            await agent.Runs.DisposeAsync();
        }
        await _admin.DisposeAsync();
        await _database.DisposeAsync();
        _timeout.Dispose();
    }

    private sealed record Agent(string Host, StallingProxy Proxy, NpgsqlDataSource Runs, FleetTaskSchedule Schedule);
}
