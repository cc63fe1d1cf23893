using System.Text.Json;
using GitOps.Integration.Tests.Daemon;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Fleet;
using Npgsql;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Fleet;

/// <summary>The <c>run</c> host with <c>fleet:</c> in its configuration: its background writer reports every pass.</summary>
[Collection(AgentHostCollection.Name)]
public sealed class DaemonFleetTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task RunHost_WithFleetStore_EachDeployReachesTheStore()
    {
        await using var database = await FleetDatabase.CreateAsync(Token);
        ExtraConfig = $"fleet:\n  postgres:\n    connectionStringFile: {database.WriteConnectionFile(AgentState.Path)}\n";
        CommitWeb("v1");
        await using var store = new PostgresFleetStore(NpgsqlDataSource.Create(database.ConnectionString));
        using var host = BuildHost(Config());
        await host.StartAsync(Token);
        try
        {
            await EventuallyAsync(async () => (await ContainersAsync()).Count == 2, "both services run");
            var v2 = CommitWeb("v2");

            await EventuallyAsync(async () => await ReportedAsync(store) is { } report && report.Commit == v2 && report.Status == "inSync",
                "the store holds the report of v2, in sync");
            var history = await store.ReadHistoryAsync(Project, Token);
            // Transitions only: the passes between deploys that stayed in sync added none.
            Assert.Equal("inSync", history[0].To);
            Assert.DoesNotContain(history, h => h.From == h.To);
            using var json = JsonDocument.Parse((await store.ReadReportAsync(Project, Token))!);
            Assert.Equal(Project, json.RootElement.GetProperty("host").GetString());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private async Task<FleetHostRow?> ReportedAsync(PostgresFleetStore store)
    {
        try
        {
            return (await store.ReadHostsAsync(Token)).SingleOrDefault(r => r.Host == Project);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return null;
        }
    }
}
