using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Reconciliation;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Fleet;

/// <summary>
/// A staged rollout across three agents of one process (one canary, two prod hosts, each with its own stack) and one
/// fleet store on the test PostgreSQL: prod waits for the canary's soak, then applies; a failing canary halts prod,
/// which keeps healing the commit it runs.
/// </summary>
public sealed class RolloutWavesTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture), IDisposable
{
    private readonly ILoggerFactory _loggers = TestOutputLoggerProvider.Factory(output);
    private readonly UpstreamRepo _upstream = new();
    private readonly TempDirectory _dir = new("rollout-waves");
    private readonly List<AgentPipeline> _agents = [];

    private string Canary => Project + "-canary";

    private string Prod1 => Project + "-prod1";

    private string Prod2 => Project + "-prod2";

    [Fact]
    public async Task Rollout_TwoWaves_ProdWaitsForCanarySoakThenApplies_FailingCanaryHaltsProd()
    {
        await using var database = await FleetDatabase.CreateAsync(Token);
        var v1 = EngineFixture.Image("web:v1");
        var v2 = EngineFixture.Image("web:v2");
        var first = CommitRepo(rollout: false, canaryImage: v1, prodImage: v1);
        var canary = Agent(Canary, database);
        var prod1 = Agent(Prod1, database);
        var prod2 = Agent(Prod2, database);
        foreach (var agent in _agents)
        {
            Assert.Equal(ReconcileStatus.Converged, (await agent.Cycle.RunAsync(Token)).Status);
            Assert.True(await agent.Fleet!.TryWriteAsync(Token));
        }

        // The rollout starts: prod waits while the canary has not run the new commit.
        var second = CommitRepo(rollout: true, canaryImage: v2, prodImage: v2);
        await PassAsync(prod1);
        Assert.Equal(v1, await ImageAsync(Prod1));
        var waiting = prod1.Reports.Latest!.Rollout;
        Assert.NotNull(waiting);
        Assert.Equal((second, "prod", false), (waiting.Commit, waiting.Wave, waiting.Halted));
        Assert.Equal($"waiting for wave canary: {Canary} at {first[..12]}", waiting.Waiting);
        Assert.Equal(first, prod1.Reports.Latest.Revision!.Commit);

        // The canary applies it; prod applies once the canary has run it in sync for the soak.
        var canaryApplied = await PassAsync(canary);
        Assert.True(canaryApplied.Status == ReconcileStatus.Converged, $"canary {canaryApplied.Status}: {canaryApplied.Error}");
        Assert.Equal(v2, await ImageAsync(Canary));
        await Eventually.TrueAsync(async () =>
        {
            await PassAsync(prod1);
            return await ImageAsync(Prod1) == v2;
        }, () => "prod applied the commit after the canary's soak: " + prod1.Reports.Latest?.Rollout, TimeSpan.FromSeconds(90), Token);
        Assert.Null(prod1.Reports.Latest!.Rollout);
        Assert.Equal(ReconcileStatus.Converged, (await PassAsync(prod2)).Status);
        Assert.Equal(v2, await ImageAsync(Prod2));
        // By the database's clock, prod ran the commit only after the canary had run it in sync for the 2 s soak.
        Assert.True(await database.CountAsync(
            $"SELECT count(*) FROM {FleetSchema.Name}.hosts p, {FleetSchema.Name}.hosts c WHERE p.host = '{Prod1}' AND c.host = '{Canary}' "
            + $"AND p.commit = '{second}' AND p.in_sync_since >= c.in_sync_since + interval '2 seconds'", Token) == 1);

        // A commit the canary fails halts prod, which keeps running, and healing, the commit before.
        var third = CommitRepo(rollout: true, canaryImage: EngineFixture.Image("web:no-such-tag"), prodImage: v1);
        Assert.Equal(ReconcileStatus.ApplyFailed, (await PassAsync(canary)).Status);
        await Fixture.RemoveProjectAsync(Prod1);
        await PassAsync(prod1);

        var halted = prod1.Reports.Latest!.Rollout;
        Assert.NotNull(halted);
        Assert.Equal((third, true), (halted.Commit, halted.Halted));
        Assert.Equal($"waiting for wave canary: {Canary} failed", halted.Waiting);
        Assert.Equal(v2, await ImageAsync(Prod1));
        Assert.Equal(second, prod1.Reports.Latest.Revision!.Commit);

        // `fleet status` says why: the canary's failure, and the prod host held back by it.
        await using var store = new PostgresFleetStore(Npgsql.NpgsqlDataSource.Create(database.ConnectionString));
        var reasons = (await store.ReadHostsAsync(Token)).ToDictionary(r => r.Host, r => r.Reason);
        Assert.Equal($"waiting for wave canary: {Canary} failed", reasons[Prod1]);
        Assert.NotNull(reasons[Canary]);
    }

    /// <summary>One pass of the agent, its report written to the store.</summary>
    private async Task<ReconcileResult> PassAsync(AgentPipeline agent)
    {
        var result = await agent.Cycle.RunAsync(Token);
        Assert.True(await agent.Fleet!.TryWriteAsync(Token));
        return result;
    }

    private async Task<string?> ImageAsync(string stack) =>
        (await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={stack}"], Token)).SingleOrDefault()?.Image;

    /// <summary>Canary in wave canary, two hosts in wave prod; each host runs a stack of its own name.</summary>
    private string CommitRepo(bool rollout, string canaryImage, string prodImage)
    {
        var files = new Dictionary<string, string>
        {
            ["inventory.yaml"] = $"groups:\n  canary:\n    hosts: [{Canary}]\n    vars: {{IMAGE: \"{canaryImage}\"}}\n"
                + $"  prod:\n    hosts: [{Prod1}, {Prod2}]\n    vars: {{IMAGE: \"{prodImage}\"}}\n"
                + $"hosts:\n  {Canary}: {{}}\n  {Prod1}: {{}}\n  {Prod2}: {{}}\n"
                + (rollout ? "rollout: {waves: [canary, prod], soak: 2s, maxUnavailable: 50%}\n" : ""),
        };
        foreach (var host in new[] { Canary, Prod1, Prod2 })
        {
            files[$"stacks/{host}/stack.yaml"] = $"targets: [{host}]\n";
            files[$"stacks/{host}/compose.yaml"] = "services:\n  web:\n    image: ${IMAGE}\n";
        }
        return _upstream.Commit(files, rollout ? $"roll out {prodImage}" : "before the rollout");
    }

    private AgentPipeline Agent(string host, FleetDatabase database)
    {
        var state = _dir.Combine(host);
        Directory.CreateDirectory(state);
        var text = $"host: {host}\nrepo:\n  url: {_upstream.FileUrl}\npollInterval: 1h\nretryMaxBackoff: 1s\nstateDir: {state}\n"
            + $"fleet:\n  postgres:\n    connectionStringFile: {database.WriteConnectionFile(state)}\n";
        var result = new AgentConfigLoader(new Dictionary<string, string?>(), () => "unused").Parse(text, _dir.Combine(host + ".yaml"), state);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var agent = AgentPipeline.Create(result.Config!, _loggers, TimeProvider.System);
        _agents.Add(agent);
        Assert.NotNull(agent.Fleet);
        return agent;
    }

    public void Dispose()
    {
        foreach (var agent in _agents)
        {
            agent.Dispose();
        }
        foreach (var host in new[] { Canary, Prod1, Prod2 })
        {
            Fixture.RemoveProjectAsync(host).GetAwaiter().GetResult();
        }
        _upstream.Dispose();
        _dir.Dispose();
        _loggers.Dispose();
    }
}
