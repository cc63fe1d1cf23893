using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Fleet;

/// <summary>
/// Passes other than the daemon's steady ones reach the fleet store as well: a first pass that failed, and a
/// <c>sync</c> run by a person; <c>plan</c> writes nothing.
/// </summary>
public sealed class FleetPassTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture), IDisposable
{
    private readonly ILoggerFactory _loggers = TestOutputLoggerProvider.Factory(output);
    private readonly UpstreamRepo _upstream = new();
    private readonly TempDirectory _dir = new("fleet-pass");

    [Fact]
    public async Task FleetStatus_FirstPassFailed_FailedWithItsReasonNotUnresponsive()
    {
        await using var database = await FleetDatabase.CreateAsync(Token);
        CommitRepo(EngineFixture.Image("web:v1"));
        var config = WriteConfig(database, repoUrl: "file://" + _dir.Combine("no-such-repo.git"));
        using var agent = AgentPipeline.Create(Parse(config), _loggers, TimeProvider.System);

        var first = await agent.Cycle.RunAsync(Token);
        Assert.True(await agent.Fleet!.TryWriteAsync(Token));
        var (exit, status, _) = await CliAsync(["fleet", "status", "--json", "--group", Project, "--config", config, "--repo", _upstream.WorkPath]);
        var (_, text, _) = await CliAsync(["fleet", "status", "--group", Project, "--config", config, "--repo", _upstream.WorkPath]);

        Assert.Equal(ReconcileStatus.FetchFailed, first.Status);
        Assert.Equal(2, exit);
        using var json = JsonDocument.Parse(status);
        var host = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("failed", host.GetProperty("status").GetString());
        Assert.Equal(first.Error, host.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.Error));
        Assert.Contains("REASON", text, StringComparison.Ordinal);
        Assert.Contains(first.Error!.Split('\n')[0].Trim(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_WithFleetStore_WritesItsReport_PlanWritesNothing()
    {
        await using var database = await FleetDatabase.CreateAsync(Token);
        var head = CommitRepo(EngineFixture.Image("web:v1"));
        var config = WriteConfig(database, repoUrl: _upstream.FileUrl);

        var (planExit, _, _) = await CliAsync(["plan", "--config", config]);

        Assert.Equal(2, planExit);
        Assert.Equal(0, await HostRowsAsync(database));

        var (syncExit, _, _) = await CliAsync(["sync", "--config", config]);

        Assert.Equal(0, syncExit);
        Assert.Equal(1, await HostRowsAsync(database));
        Assert.Equal(1, await database.CountAsync(
            $"SELECT count(*) FROM gitops_fleet.hosts WHERE host = '{Project}' AND status = 'inSync' AND commit = '{head}' AND drifted = 0", Token));
        var (driftExit, drift, _) = await CliAsync(["fleet", "drift", Project, "--config", config]);
        Assert.Equal(0, driftExit);
        Assert.Contains(head[..12], drift, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_FleetStoreDown_ConvergesAndWarns()
    {
        await using var database = await FleetDatabase.CreateAsync(Token);
        CommitRepo(EngineFixture.Image("web:v1"));
        var config = WriteConfig(database, repoUrl: _upstream.FileUrl);
        await database.AcceptConnectionsAsync(false, Token);

        var (syncExit, _, error) = await CliAsync(["sync", "--config", config]);

        Assert.Equal(0, syncExit);
        Assert.Contains("did not reach the fleet store", error, StringComparison.Ordinal);
        var container = Assert.Single(await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={Project}"], Token));
        Assert.Equal(EngineFixture.Image("web:v1"), container.Image);
    }

    /// <summary>
    /// The inventory has this test's host alone, and one stack for it running <paramref name="image"/>, without a network
    /// (what the test looks at is the report, not the container's traffic).
    /// </summary>
    private string CommitRepo(string image) => _upstream.Commit(new Dictionary<string, string>
    {
        ["inventory.yaml"] = $"groups:\n  {Project}-group:\n    hosts: [{Project}]\nhosts:\n  {Project}: {{}}\n",
        [$"stacks/{Project}/stack.yaml"] = $"targets: [{Project}]\n",
        [$"stacks/{Project}/compose.yaml"] = $"services:\n  web:\n    image: {image}\n    network_mode: none\n",
    }, "deploy " + image);

    private string WriteConfig(FleetDatabase database, string repoUrl)
    {
        var state = _dir.Combine("state");
        Directory.CreateDirectory(state);
        var path = _dir.Combine("agent.yaml");
        File.WriteAllText(path, $"host: {Project}\nrepo:\n  url: {repoUrl}\npollInterval: 1h\nretryMaxBackoff: 1s\nstateDir: {state}\n"
            + $"fleet:\n  postgres:\n    connectionStringFile: {database.WriteConnectionFile(state)}\n");
        return path;
    }

    private static AgentConfig Parse(string path)
    {
        var result = new AgentConfigLoader(new Dictionary<string, string?>(), () => "unused").Parse(File.ReadAllText(path), path, Path.GetDirectoryName(path)!);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config!;
    }

    /// <summary>Rows of the hosts table; 0 when nothing ever created the schema.</summary>
    private static async Task<long> HostRowsAsync(FleetDatabase database) =>
        await database.CountAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'gitops_fleet' AND tablename = 'hosts'", CancellationToken.None) == 0
            ? 0
            : await database.CountAsync("SELECT count(*) FROM gitops_fleet.hosts", CancellationToken.None);

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
        Fixture.RemoveProjectAsync(Project).GetAwaiter().GetResult();
        _upstream.Dispose();
        _dir.Dispose();
        _loggers.Dispose();
    }
}
