using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GitOps.Integration.Tests.Fleet;

/// <summary>The fleet store on the test PostgreSQL: migrations, writes, row-level security, the reporter's retries.</summary>
public sealed class FleetStoreTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private readonly List<PostgresFleetStore> _stores = [];
    private FleetDatabase _database = null!;

    private CancellationToken Token => _timeout.Token;

    public async Task InitializeAsync() => _database = await FleetDatabase.CreateAsync(Token);

    [Fact]
    public async Task Migrate_EightAgentsStartAtOnce_EachMigrationAppliedOnce()
    {
        var agents = Enumerable.Range(0, 8).Select(_ => Store(_database.ConnectionString)).ToList();

        var found = await Task.WhenAll(agents.Select(a => Task.Run(() => FleetMigrator.MigrateAsync(a.DataSource, Token))));

        Assert.Single(found, version => version == 0);
        Assert.Equal(FleetSchema.Migrations.Count, await _database.CountAsync($"SELECT count(*) FROM {FleetSchema.Name}.schema_migrations", Token));
        Assert.Equal(FleetSchema.Latest, await FleetMigrator.MigrateAsync(agents[0].DataSource, Token));
    }

    [Fact]
    public async Task Write_SameStatusTwiceThenFailed_OneRowAndHistoryOnlyOnTransitions()
    {
        var store = Store(_database.ConnectionString);
        await store.MigrateAsync(Token);

        await store.WriteAsync(Entry("web-1", ReportStatus.InSync), Token);
        await store.WriteAsync(Entry("web-1", ReportStatus.InSync), Token);
        await store.WriteAsync(Entry("web-1", ReportStatus.Failed), Token);

        var row = Assert.Single(await store.ReadHostsAsync(Token));
        Assert.Equal(("web-1", "failed"), (row.Host, row.Status));
        Assert.Equal(
            [("web-1", (string?)"inSync", "failed"), ("web-1", null, "inSync")],
            (await store.ReadHistoryAsync("web-1", Token)).Select(h => (h.Host, h.From, h.To)));
        var report = DriftReportJson.Deserialize((await store.ReadReportAsync("web-1", Token))!);
        Assert.Equal(ReportStatus.Failed, report.Status);
    }

    [Fact]
    public async Task HostRole_WritesAnotherHostsRow_RefusedByRowLevelSecurity()
    {
        var (a, b) = ("fleet-a-" + Guid.NewGuid().ToString("N")[..8], "fleet-b-" + Guid.NewGuid().ToString("N")[..8]);
        var admin = Store(_database.ConnectionString);
        await FleetRoles.AddHostAsync(admin.DataSource, a, "pw-a", Token);
        _database.Track(FleetRoles.HostRole(a));
        await FleetRoles.AddHostAsync(admin.DataSource, b, "pw-b", Token);
        _database.Track(FleetRoles.HostRole(b));
        var asA = Store(_database.ConnectionStringAs(FleetRoles.HostRole(a)));
        var asB = Store(_database.ConnectionStringAs(FleetRoles.HostRole(b)));

        await asA.MigrateAsync(Token);
        await asA.WriteAsync(Entry(a, ReportStatus.InSync), Token);
        await asB.WriteAsync(Entry(b, ReportStatus.InSync), Token);
        var insert = await Assert.ThrowsAsync<PostgresException>(() => asA.WriteAsync(Entry("fleet-c-unknown", ReportStatus.Failed), Token));
        var overwrite = await Assert.ThrowsAsync<PostgresException>(() => asA.WriteAsync(Entry(b, ReportStatus.Failed), Token));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insert.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, overwrite.SqlState);
        Assert.Contains("row-level security", overwrite.MessageText, StringComparison.Ordinal);
        Assert.Equal("inSync", (await admin.ReadHostsAsync(Token)).Single(r => r.Host == b).Status);
    }

    [Fact]
    public async Task Open_AfterAWrite_HoldsNoConnectionBetweenPasses()
    {
        using var dir = new TempDirectory("fleet-open");
        await using var store = PostgresFleetStore.Open(_database.WriteConnectionFile(dir.Path));
        await store.MigrateAsync(Token);

        await store.WriteAsync(Entry("web-1", ReportStatus.InSync), Token);

        await Eventually.TrueAsync(async () => await OtherConnectionsAsync() == 0, "the agent's connection was closed after its write", cancellationToken: Token);
    }

    [Fact]
    public async Task Open_ConnectionStringSaysPooling_KeepsItsIdleConnection()
    {
        using var dir = new TempDirectory("fleet-open-pooled");
        var file = Path.Combine(dir.Path, "fleet-db");
        await File.WriteAllTextAsync(file, _database.ConnectionString + ";Pooling=true", Token);
        await using var store = PostgresFleetStore.Open(file);
        await store.MigrateAsync(Token);

        await store.WriteAsync(Entry("web-1", ReportStatus.InSync), Token);

        Assert.Equal(1, await OtherConnectionsAsync());
    }

    /// <summary>Connections to this test's database other than the one asking.</summary>
    private Task<long> OtherConnectionsAsync() =>
        _database.CountAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{_database.Name}' AND pid <> pg_backend_pid()", Token);

    [Fact]
    public async Task ReaderRole_ReadsEveryHost_WritesNothing()
    {
        var reader = "fleet_reader_" + Guid.NewGuid().ToString("N")[..8];
        var admin = Store(_database.ConnectionString);
        await FleetRoles.AddReaderAsync(admin.DataSource, reader, "pw", Token);
        _database.Track(reader);
        await admin.WriteAsync(Entry("web-1", ReportStatus.Drifted), Token);
        var asReader = Store(_database.ConnectionStringAs(reader));

        var rows = await asReader.ReadHostsAsync(Token);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => asReader.WriteAsync(Entry("web-1", ReportStatus.InSync), Token));

        Assert.Equal("drifted", Assert.Single(rows).Status);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task Reporter_StoreDownThenBack_CountsFailuresAndWritesTheNewestReport()
    {
        var metrics = new AgentMetrics();
        var reporter = new FleetReporter(Store(_database.ConnectionString), "web-1", "test", TimeSpan.FromSeconds(30), TimeProvider.System, NullLogger<FleetReporter>.Instance)
        {
            Metrics = new FleetMetrics(metrics),
        };
        await _database.AcceptConnectionsAsync(false, Token);

        reporter.Published(null, Report("web-1", ReportStatus.Converging), outcome: null);
        var whileDown = await reporter.TryWriteAsync(Token);
        reporter.Published(null, Report("web-1", ReportStatus.InSync), ReconcileOutcome.Applied);
        var stillDown = await reporter.TryWriteAsync(Token);
        await _database.AcceptConnectionsAsync(true, Token);
        var back = await reporter.TryWriteAsync(Token);

        Assert.Equal((false, false, true), (whileDown, stillDown, back));
        Assert.Contains("gitops_agent_fleet_store_writes_total{outcome=\"failed\"} 2", await metrics.RenderAsync(Token), StringComparison.Ordinal);
        Assert.Equal("inSync", Assert.Single(await Store(_database.ConnectionString).ReadHostsAsync(Token)).Status);
    }

    [Fact]
    public async Task AddHostVerb_NoPasswordFile_MakesOneNeverPrintedAndTheRoleWritesItsRow()
    {
        using var dir = new TempDirectory("fleet-add-host");
        var host = "fleet-cli-" + Guid.NewGuid().ToString("N")[..8];
        var passwordFile = dir.Combine("password");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await new GitOps.Daemon.Cli.CommandDispatcher(GitOps.Daemon.Commands.CommandCatalog.All()).RunAsync(
            ["fleet", "add-host", host, "--connection-file", _database.WriteConnectionFile(dir.Path), "--password-file", passwordFile],
            stdout, stderr, Token);
        _database.Track(FleetRoles.HostRole(host));

        Assert.True(exit == 0, stderr.ToString());
        var password = (await File.ReadAllTextAsync(passwordFile, Token)).Trim();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
        Assert.DoesNotContain(password, stdout.ToString() + stderr, StringComparison.Ordinal);
        Assert.Contains(FleetRoles.HostRole(host), stdout.ToString(), StringComparison.Ordinal);
        await Store(_database.ConnectionStringAs(FleetRoles.HostRole(host))).WriteAsync(Entry(host, ReportStatus.InSync), Token);
    }

    private PostgresFleetStore Store(string connectionString)
    {
        var store = new PostgresFleetStore(NpgsqlDataSource.Create(connectionString));
        _stores.Add(store);
        return store;
    }

    private static DriftReport Report(string host, ReportStatus status) =>
        new(DriftReport.CurrentSchemaVersion, host, new DriftRevision("refs/heads/main", new string('a', 40), false), DateTimeOffset.UtcNow, status,
            ValueList<DriftResource>.Empty, null, null);

    private static FleetEntry Entry(string host, ReportStatus status) => FleetEntry.From(host, Report(host, status), "test", TimeSpan.FromSeconds(30));

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        await _database.DisposeAsync();
        _timeout.Dispose();
    }
}
