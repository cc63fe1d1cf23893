using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Reporting.Drift;
using Npgsql;

namespace GitOps.Integration.Tests.Fleet;

/// <summary>What staged rollouts read and write in the fleet store on the test PostgreSQL: soak times and wave leases.</summary>
public sealed class RolloutStoreTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private readonly List<PostgresFleetStore> _stores = [];
    private FleetDatabase _database = null!;

    private CancellationToken Token => _timeout.Token;

    public async Task InitializeAsync() => _database = await FleetDatabase.CreateAsync(Token);

    [Fact]
    public async Task Lease_HeldByDeadHost_ExpiresAndTheWaveGoesOn()
    {
        var store = await MigratedAsync(_database.ConnectionString);
        var ttl = TimeSpan.FromSeconds(2);

        // prod-dead takes the wave's only lease and never renews or releases it (its agent died mid-apply).
        var dead = await store.TryTakeLeaseAsync("prod-dead", "prod", "c1", 1, ttl, Token);
        var refused = await store.TryTakeLeaseAsync("prod-live", "prod", "c1", 1, ttl, Token);

        Assert.True(dead.Taken);
        Assert.False(refused.Taken);
        Assert.Equal(["prod-dead"], refused.Holders);
        Reconciler.Rollout.RolloutLeaseAttempt? taken = null;
        await Eventually.TrueAsync(async () =>
        {
            taken = await store.TryTakeLeaseAsync("prod-live", "prod", "c1", 1, ttl, Token);
            return taken.Taken;
        }, "the dead host's lease expired and the live host took the wave's lease", TimeSpan.FromSeconds(60), Token);
        Assert.Empty(taken!.Holders);

        // Held and renewed by a live host, the lease keeps the next one out; released, it lets it in at once.
        Assert.True(await store.RenewLeaseAsync("prod-live", TimeSpan.FromMinutes(5), Token));
        Assert.False((await store.TryTakeLeaseAsync("prod-other", "prod", "c1", 1, ttl, Token)).Taken);
        Assert.True((await store.TryTakeLeaseAsync("canary-1", "canary", "c1", 1, ttl, Token)).Taken);
        await store.ReleaseLeaseAsync("prod-live", Token);
        Assert.True((await store.TryTakeLeaseAsync("prod-other", "prod", "c1", 1, ttl, Token)).Taken);
    }

    [Fact]
    public async Task Lease_ManyHostsAtOnce_NeverMoreThanTheLimit()
    {
        var store = await MigratedAsync(_database.ConnectionString);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => store.TryTakeLeaseAsync($"prod-{i}", "prod", "c1", 2, TimeSpan.FromMinutes(5), Token))));

        Assert.Equal(2, attempts.Count(a => a.Taken));
    }

    [Fact]
    public async Task HostRole_TakesAndReleasesOnlyItsOwnLease()
    {
        var (a, b) = ("wave-a-" + Guid.NewGuid().ToString("N")[..8], "wave-b-" + Guid.NewGuid().ToString("N")[..8]);
        var admin = await MigratedAsync(_database.ConnectionString);
        await FleetRoles.AddHostAsync(admin.DataSource, a, "pw-a", Token);
        _database.Track(FleetRoles.HostRole(a));
        var asA = Store(_database.ConnectionStringAs(FleetRoles.HostRole(a)));

        Assert.True((await asA.TryTakeLeaseAsync(a, "prod", "c1", 1, TimeSpan.FromMinutes(5), Token)).Taken);
        await Assert.ThrowsAsync<PostgresException>(() => asA.TryTakeLeaseAsync(b, "prod", "c1", 5, TimeSpan.FromMinutes(5), Token));
        await asA.ReleaseLeaseAsync(a, Token);
        Assert.Equal(0, await _database.CountAsync($"SELECT count(*) FROM {FleetSchema.Name}.rollout_leases", Token));
    }

    [Fact]
    public async Task InSyncSince_KeptWhileInSyncAtACommit_ResetByFailureOrNewCommit()
    {
        var store = await MigratedAsync(_database.ConnectionString);

        await store.WriteAsync(Entry("c-1", ReportStatus.InSync, "c1"), Token);
        var first = await SinceAsync(store, "c-1");
        await store.WriteAsync(Entry("c-1", ReportStatus.Drifted, "c1"), Token);
        await store.WriteAsync(Entry("c-1", ReportStatus.InSync, "c1"), Token);
        var kept = await SinceAsync(store, "c-1");
        await store.WriteAsync(Entry("c-1", ReportStatus.Failed, "c1"), Token);
        var failed = await SinceAsync(store, "c-1");
        await store.WriteAsync(Entry("c-1", ReportStatus.InSync, "c1"), Token);
        var again = await SinceAsync(store, "c-1");
        await store.WriteAsync(Entry("c-1", ReportStatus.Converging, "c2"), Token);
        var moved = await SinceAsync(store, "c-1");

        Assert.NotNull(first);
        Assert.Equal(first, kept);
        Assert.Null(failed);
        Assert.True(again > first);
        Assert.Null(moved);
    }

    [Fact]
    public async Task ReadHosts_RolledBackResource_FlaggedWithTheDatabaseClock()
    {
        var store = await MigratedAsync(_database.ConnectionString);
        var rolledBack = Report("c-1", ReportStatus.Failed, "c1") with
        {
            Resources = ValueList.Of(new DriftResource(DriftKind.Service, "app", "web", ResourceStatus.RolledBack, ValueList<DriftDifference>.Empty, null, DateTimeOffset.UtcNow, null, "health check failed")),
        };
        await store.WriteAsync(FleetEntry.From("c-1", rolledBack, "test", TimeSpan.FromSeconds(30)), Token);
        await store.WriteAsync(Entry("c-2", ReportStatus.InSync, "c1"), Token);

        var snapshot = await store.ReadHostsAsync(["c-1", "c-2", "never"], Token);

        Assert.Equal([("c-1", true), ("c-2", false)], snapshot.Hosts.OrderBy(h => h.Host).Select(h => (h.Host, h.RolledBack)));
        Assert.True(snapshot.Now >= snapshot.Hosts.Max(h => h.ReportedAt));
        Assert.Empty((await store.ReadHostsAsync(["never"], Token)).Hosts);
    }

    private static async Task<DateTimeOffset?> SinceAsync(PostgresFleetStore store, string host) =>
        (await store.ReadHostsAsync([host], CancellationToken.None)).Hosts.Single().InSyncSince;

    private async Task<PostgresFleetStore> MigratedAsync(string connectionString)
    {
        var store = Store(connectionString);
        await store.MigrateAsync(Token);
        return store;
    }

    private PostgresFleetStore Store(string connectionString)
    {
        var store = new PostgresFleetStore(NpgsqlDataSource.Create(connectionString));
        _stores.Add(store);
        return store;
    }

    private static DriftReport Report(string host, ReportStatus status, string commit) =>
        new(DriftReport.CurrentSchemaVersion, host, new DriftRevision("branch main", commit, false), DateTimeOffset.UtcNow, status,
            ValueList<DriftResource>.Empty, null, null);

    private static FleetEntry Entry(string host, ReportStatus status, string commit) =>
        FleetEntry.From(host, Report(host, status, commit), "test", TimeSpan.FromSeconds(30));

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
