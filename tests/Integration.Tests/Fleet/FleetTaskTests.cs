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
    private readonly CountingContainers _containers = new();
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
        var all = await StopAndReadRunsAsync();
        AssertEachOnce(all);
        // The occurrence the victim may have held when it was cut is recovered by another node, never run twice.
        Assert.All(after.Skip(1), r => Assert.Contains(r.Host, _agents.Select(a => a.Host)));
        await ShutDownCutOffAsync(victim);
    }

    [Fact]
    public async Task FleetTask_AgentKilledWhileRunningAForbidFire_ClusterRecoversItAndTheOthersFireTheNextOccurrences()
    {
        // `forbid`: Quartz blocks the task's trigger while any node runs it. The node that dies mid-run never unblocks
        // it; only the cluster's check-in, finding the node dead, recovers it (without clustering it stays blocked).
        var desired = Desired(Spec("serial") with { Concurrency = TaskConcurrency.Forbid, Missed = TaskMissedPolicy.RunOnce });
        var suffix = Guid.NewGuid().ToString("N")[..6];
        foreach (var host in new[] { "fk-a-" + suffix, "fk-b-" + suffix, "fk-c-" + suffix })
        {
            StartAgent(host);
        }
        foreach (var agent in _agents)
        {
            await agent.Schedule.ApplyAsync(await agent.Schedule.PlanAsync(desired with { Host = agent.Host }, Token), "rev-1", Token);
        }

        var before = await WaitForOccurrencesAsync(3, after: DateTimeOffset.MinValue, "3 occurrences fired by the cluster");
        AssertEachOnce(before);

        // The next fire hangs on whichever host the cluster gives it to: that host is killed while running it.
        var hung = _containers.HangNext();
        var victimHost = await hung.WaitAsync(TimeSpan.FromSeconds(60), Token);
        var victim = _agents.Single(a => a.Host == victimHost);
        var victimRun = (await RunsAsync()).Where(r => r.Host == victimHost).MaxBy(r => r.ScheduledAt)!;
        _agents.Remove(victim);
        victim.Proxy.Dispose();
        output.WriteLine($"killed {victim.Host} while it ran the occurrence of {victimRun.ScheduledAt:HH:mm:ss}");

        var after = await WaitForOccurrencesAsync(3, after: victimRun.ScheduledAt, $"3 occurrences after {victim.Host} died mid-run");
        Assert.All(after, r => Assert.Contains(r.Host, _agents.Select(a => a.Host)));
        AssertEachOnce(await StopAndReadRunsAsync());
        // Quartz's own record: the dead node's fire and check-in were removed by the recovery.
        Assert.Equal(0, await _database.CountAsync(
            $"SELECT count(*) FROM {FleetTaskTables.TablePrefix}fired_triggers WHERE instance_name = '{victim.Host}'", Token));
        _containers.ReleaseHung();
        await ShutDownCutOffAsync(victim);
    }

    [Fact]
    public async Task FleetTask_GroupRemovedFromInventory_AHostWithNoFleetTaskJoinsAndRemovesItsJobs()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var gpu = StartAgent("fo-gpu-" + suffix);
        var gpuState = Desired(Spec("train") with { RunOn = "gpu" }) with { Host = gpu.Host, Groups = ValueList.Of("gpu") };
        await gpu.Schedule.ApplyAsync(await gpu.Schedule.PlanAsync(gpuState, Token), "rev-1", Token);
        Assert.Equal(1, await _database.CountAsync($"SELECT count(*) FROM {FleetTaskTables.TablePrefix}job_details", Token));
        // The next commit removes group gpu and its host; the host's agent is gone with it.
        await gpu.Schedule.StopAsync(waitForRuns: false, Token);

        var prod = StartAgent("fo-prod-" + suffix);
        var prodState = new DesiredState(prod.Host, ValueList.Of(Group), ValueMap<DesiredStack>.Empty, ValueMap<TaskSpec>.Empty,
            ValueMap<ModelSpec>.Empty, FleetPolicy.Default with { Groups = ValueList.Of(Group) });
        var plan = await prod.Schedule.PlanAsync(prodState, Token);
        Assert.Equal(("train@gpu", ChangeAction.Delete), (Assert.Single(plan.Changes).Task, plan.Changes[0].Action));
        await prod.Schedule.ApplyAsync(plan, "rev-2", Token);

        Assert.Equal(0, await _database.CountAsync($"SELECT count(*) FROM {FleetTaskTables.TablePrefix}job_details", Token));
        Assert.Equal(0, await _database.CountAsync($"SELECT count(*) FROM {FleetTaskTables.TablePrefix}triggers", Token));
        // With nothing left that concerns it, a host without fleet tasks does not join the cluster.
        var other = StartAgent("fo-other-" + suffix);
        Assert.False((await other.Schedule.PlanAsync(prodState with { Host = other.Host }, Token)).HasChanges);
        Assert.Empty(other.Schedule.Served);
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
        var runner = new TaskRunner(_containers.For(host), Substitute.For<ITaskHistory>(), new TaskRunnerOptions { Host = host }, TimeProvider.System, _loggers.CreateLogger<TaskRunner>());
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

    /// <summary>
    /// Shuts a cut-off node down without waiting on it for long: Quartz retries a store it cannot reach, and a node whose
    /// run ended after it was cut can spend its shutdown retrying to record that. The node is dead to the cluster either way.
    /// </summary>
    private async Task ShutDownCutOffAsync(Agent victim)
    {
        var shutdown = victim.Schedule.DisposeAsync().AsTask();
        if (await Task.WhenAny(shutdown, Task.Delay(TimeSpan.FromSeconds(10), Token)) != shutdown)
        {
            output.WriteLine($"{victim.Host} did not finish shutting down within 10 s, cut off from its store");
        }
        await victim.Runs.DisposeAsync();
    }

    /// <summary>
    /// Stops the live nodes (waiting for their runs), then reads every recorded fire and checks it against what the
    /// hosts' engines were really handed: one run per recorded occurrence across the hosts, none more.
    /// </summary>
    private async Task<IReadOnlyList<FleetTaskRun>> StopAndReadRunsAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.Schedule.StopAsync(waitForRuns: true, Token);
        }
        var all = await RunsAsync();
        output.WriteLine(string.Join(Environment.NewLine, all.Select(r => $"{r.ScheduledAt:HH:mm:ss} {r.Host}")));
        Assert.Equal(all.Count, _containers.Started);
        return all;
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
        _containers.ReleaseHung();
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

    /// <summary>
    /// The hosts' engine side: counts every run handed to any host, and can hang the next one (a host mid-run) until
    /// released, telling which host it hung on.
    /// </summary>
    private sealed class CountingContainers
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource<string>? _hangNext;
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public Task<string> HangNext()
        {
            var hang = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _hangNext, hang);
            return hang.Task;
        }

        public void ReleaseHung() => _release.TrySetResult();

        public ITaskContainers For(string host)
        {
            var containers = Substitute.For<ITaskContainers>();
            containers.RunAsync(Arg.Any<TaskSpec>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(async _ =>
            {
                Interlocked.Increment(ref _started);
                if (Interlocked.Exchange(ref _hangNext, null) is { } hang)
                {
                    hang.TrySetResult(host);
                    await _release.Task;
                }
                return new TaskAttempt(TaskOutcome.Succeeded, 0, "ok", null);
            });
            return containers;
        }
    }

    private sealed record Agent(string Host, StallingProxy Proxy, NpgsqlDataSource Runs, FleetTaskSchedule Schedule);
}
