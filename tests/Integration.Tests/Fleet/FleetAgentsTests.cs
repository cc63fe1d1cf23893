using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Fleet;

/// <summary>
/// Several agents of one process, each with its host name and state directory, reporting to one fleet store on the
/// test PostgreSQL, and the <c>fleet</c> verbs reading it back.
/// </summary>
public sealed class FleetAgentsTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture), IDisposable
{
    private readonly ILoggerFactory _loggers = TestOutputLoggerProvider.Factory(output);
    private readonly UpstreamRepo _upstream = new();
    private readonly TempDirectory _dir = new("fleet-agents");
    private readonly List<AgentPipeline> _agents = [];

    private string Ok => Project + "-ok";

    private string Bad => Project + "-bad";

    private string Never => Project + "-never";

    private string Quiet => Project + "-quiet";

    [Fact]
    public async Task FleetStatus_AgentsReportToOneStore_RanksWorstFirstAndShowsRevisions()
    {
        await using var database = await FleetDatabase.CreateAsync(Token);
        var first = CommitRepo(variable: "1");
        var ok = Agent(Ok, database, "1h");
        var bad = Agent(Bad, database, "1h");
        Assert.Equal(ReconcileStatus.Unchanged, (await ok.Cycle.RunAsync(Token)).Status);
        Assert.Equal(ReconcileStatus.ApplyFailed, (await bad.Cycle.RunAsync(Token)).Status);
        Assert.True(await ok.Fleet!.TryWriteAsync(Token));
        Assert.True(await bad.Fleet!.TryWriteAsync(Token));

        var (statusExit, status, _) = await CliAsync(["fleet", "status", "--json", "--group", "ranked", "--config", ConfigPath(Ok)]);
        var (textExit, text, _) = await CliAsync(["fleet", "status", "--group", "ranked", "--config", ConfigPath(Ok)]);

        Assert.Equal((2, 2), (statusExit, textExit));
        using (var json = JsonDocument.Parse(status))
        {
            Assert.Equal(
                [(Bad, "failed"), (Never, "unresponsive"), (Ok, "inSync")],
                json.RootElement.EnumerateArray().Select(h => (h.GetProperty("host").GetString()!, h.GetProperty("status").GetString()!)));
            var never = json.RootElement[1];
            Assert.Equal(JsonValueKind.Null, never.GetProperty("reportAgeSeconds").ValueKind);
            Assert.Equal(0, json.RootElement[0].GetProperty("behind").GetInt32());
            Assert.Equal(1, json.RootElement[0].GetProperty("failed").GetInt32());
        }
        Assert.Contains(first[..12] + " (head)", text, StringComparison.Ordinal);

        var second = CommitRepo(variable: "2");
        await ok.Cycle.RunAsync(Token);
        Assert.True(await ok.Fleet.TryWriteAsync(Token));
        var (revisionsExit, revisions, _) = await CliAsync(["fleet", "revisions", "--json", "--group", "ranked", "--config", ConfigPath(Ok)]);
        var (driftExit, drift, _) = await CliAsync(["fleet", "drift", Bad, "--config", ConfigPath(Ok)]);

        Assert.Equal(2, revisionsExit);
        using (var json = JsonDocument.Parse(revisions))
        {
            Assert.Equal(
                [(second, 0, Ok), (first, 1, Bad), (null, -1, Never)],
                json.RootElement.EnumerateArray().Select(r => (
                    r.GetProperty("commit").GetString(),
                    r.GetProperty("behind").ValueKind == JsonValueKind.Null ? -1 : r.GetProperty("behind").GetInt32(),
                    string.Join(",", r.GetProperty("hosts").EnumerateArray().Select(h => h.GetString())))));
        }
        Assert.Equal(2, driftExit);
        Assert.Contains("status: FAILED", drift, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FleetStatus_HostStopsReporting_BecomesUnresponsive()
    {
        await using var database = await FleetDatabase.CreateAsync(Token);
        CommitRepo(variable: "1");
        var quiet = Agent(Quiet, database, "1s");
        await quiet.Cycle.RunAsync(Token);
        Assert.True(await quiet.Fleet!.TryWriteAsync(Token));

        // The agent makes no further pass: after three of its 1 s intervals without a report it is unresponsive.
        string last = "";
        await Eventually.TrueAsync(async () =>
        {
            (_, last, _) = await CliAsync(["fleet", "status", "--json", "--group", Quiet, "--config", ConfigPath(Quiet)]);
            using var json = JsonDocument.Parse(last);
            return json.RootElement[0].GetProperty("status").GetString() == "unresponsive";
        }, () => "the host is unresponsive: " + last, TimeSpan.FromSeconds(60), Token);
        using var final = JsonDocument.Parse(last);
        Assert.Equal("inSync", final.RootElement[0].GetProperty("reportedStatus").GetString());
    }

    [Fact]
    public async Task StoreDown_AgentKeepsConverging_ReportCatchesUpWhenBack()
    {
        await using var database = await FleetDatabase.CreateAsync(Token);
        CommitRepo(variable: "1", okImage: EngineFixture.Image("web:v1"));
        var metrics = new AgentMetrics();
        var ok = Agent(Ok, database, "1h", metrics);
        await database.AcceptConnectionsAsync(false, Token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var writer = Task.Run(() => ok.Fleet!.RunAsync(stop.Token), Token);

        var applied = await ok.Cycle.RunAsync(Token);
        await Eventually.TrueAsync(() => ok.Fleet!.ConsecutiveFailures > 0, "a write failed while the store is down", TimeSpan.FromSeconds(30), Token);
        var latest = CommitRepo(variable: "2", okImage: EngineFixture.Image("web:v2"));
        var moved = await ok.Cycle.RunAsync(Token);

        Assert.Equal((ReconcileStatus.Converged, ReconcileStatus.Converged), (applied.Status, moved.Status));
        var container = Assert.Single(await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={Project}"], Token));
        Assert.Equal(EngineFixture.Image("web:v2"), container.Image);
        Assert.Contains("gitops_agent_fleet_store_writes_total{outcome=\"failed\"}", await metrics.RenderAsync(Token), StringComparison.Ordinal);

        await database.AcceptConnectionsAsync(true, Token);
        string last = "";
        await Eventually.TrueAsync(async () =>
        {
            (_, last, _) = await CliAsync(["fleet", "revisions", "--json", "--group", Ok, "--config", ConfigPath(Ok)]);
            return last.Contains(latest, StringComparison.Ordinal);
        }, () => "the store caught up with the latest commit: " + last, TimeSpan.FromSeconds(60), Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer);
    }

    /// <summary>Hosts ok, bad and never in group ranked, and quiet alone; the stack targets bad with an image no registry has,
    /// and ok with <paramref name="okImage"/> when given.</summary>
    private string CommitRepo(string variable, string? okImage = null)
    {
        var files = new Dictionary<string, string>
        {
            ["inventory.yaml"] = $"vars:\n  ROUND: \"{variable}\"\ngroups:\n  ranked:\n    hosts: [{Ok}, {Bad}, {Never}]\nhosts:\n  {Ok}: {{}}\n  {Bad}: {{}}\n  {Never}: {{}}\n  {Quiet}: {{}}\n",
            [$"stacks/{Project}/stack.yaml"] = $"targets: [{(okImage is null ? Bad : Ok)}]\n",
            [$"stacks/{Project}/compose.yaml"] = $"services:\n  web:\n    image: {okImage ?? EngineFixture.Image("web:no-such-tag")}\n",
        };
        return _upstream.Commit(files, "round " + variable);
    }

    private AgentPipeline Agent(string host, FleetDatabase database, string pollInterval, AgentMetrics? metrics = null)
    {
        var state = _dir.Combine(host);
        Directory.CreateDirectory(state);
        var text = $"host: {host}\nrepo:\n  url: {_upstream.FileUrl}\npollInterval: {pollInterval}\nretryMaxBackoff: 1s\nstateDir: {state}\n"
            + $"fleet:\n  postgres:\n    connectionStringFile: {database.WriteConnectionFile(state)}\n";
        File.WriteAllText(ConfigPath(host), text);
        var result = new AgentConfigLoader(new Dictionary<string, string?>(), () => "unused").Parse(text, ConfigPath(host), state);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var agent = AgentPipeline.Create(result.Config!, _loggers, TimeProvider.System, metrics);
        _agents.Add(agent);
        Assert.NotNull(agent.Fleet);
        return agent;
    }

    private string ConfigPath(string host) => _dir.Combine(host + ".yaml");

    private async Task<(int Exit, string Output, string Error)> CliAsync(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await new CommandDispatcher(CommandCatalog.All()).RunAsync(args, stdout, stderr, Token);
        output.WriteLine($"$ gitops-agent {string.Join(' ', args)} -> {exit}\n{stdout}{stderr}");
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        foreach (var agent in _agents)
        {
            agent.Dispose();
        }
        foreach (var host in new[] { Ok, Bad, Quiet })
        {
            Fixture.RemoveProjectAsync(host).GetAwaiter().GetResult();
        }
        _upstream.Dispose();
        _dir.Dispose();
        _loggers.Dispose();
    }
}
