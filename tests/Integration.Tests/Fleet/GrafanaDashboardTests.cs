using System.Data;
using System.Text.Json;
using System.Text.RegularExpressions;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Reporting.Drift;
using Npgsql;

namespace GitOps.Integration.Tests.Fleet;

/// <summary>
/// packaging/grafana/fleet-dashboard.json is checked to load, not just written: the parts of Grafana's dashboard model
/// a dashboard needs to import, and every panel's SQL run against the store's real schema as the read-only role, so a
/// renamed column or a missing grant breaks this test before it breaks a dashboard.
/// </summary>
public sealed partial class GrafanaDashboardTests : IAsyncLifetime
{
    private static readonly string[] PostgresTypes = ["grafana-postgresql-datasource", "postgres"];
    private static readonly string[] PanelTypes = ["stat", "table", "bargauge", "timeseries", "piechart"];

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private FleetDatabase _database = null!;

    private CancellationToken Token => _timeout.Token;

    public async Task InitializeAsync() => _database = await FleetDatabase.CreateAsync(Token);

    [Fact]
    public void Dashboard_Json_HasWhatGrafanaNeedsToImportIt()
    {
        using var dashboard = JsonDocument.Parse(RepoFile("packaging/grafana/fleet-dashboard.json"));
        var root = dashboard.RootElement;
        var provisioned = RepoFile("packaging/grafana/datasource.yaml");

        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.InRange(root.GetProperty("uid").GetString()!.Length, 1, 40);
        Assert.True(root.GetProperty("schemaVersion").GetInt32() >= 36, "a schema version current Grafana reads without migrating");
        Assert.Equal(JsonValueKind.Object, root.GetProperty("templating").ValueKind);
        Assert.Contains(root.GetProperty("__requires").EnumerateArray(), r => r.GetProperty("type").GetString() == "datasource" && PostgresTypes.Contains(r.GetProperty("id").GetString()));
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.NotEmpty(panels);
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        var areas = new List<(string Title, int X, int Y, int W, int H)>();
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString()!;
            Assert.Contains(panel.GetProperty("type").GetString(), PanelTypes);
            var grid = panel.GetProperty("gridPos");
            var (x, y, w, h) = (grid.GetProperty("x").GetInt32(), grid.GetProperty("y").GetInt32(), grid.GetProperty("w").GetInt32(), grid.GetProperty("h").GetInt32());
            Assert.True(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 24, $"panel {title}: gridPos within Grafana's 24 columns");
            Assert.DoesNotContain(areas, a => x < a.X + a.W && a.X < x + w && y < a.Y + a.H && a.Y < y + h);
            areas.Add((title, x, y, w, h));
            var source = panel.GetProperty("datasource");
            Assert.Contains(source.GetProperty("type").GetString(), PostgresTypes);
            // The uid the provisioning file gives the data source, so the dashboard finds it without editing.
            Assert.Contains($"uid: {source.GetProperty("uid").GetString()}\n", provisioned, StringComparison.Ordinal);
            Assert.Contains($"type: {source.GetProperty("type").GetString()}\n", provisioned, StringComparison.Ordinal);
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.NotEmpty(targets);
            foreach (var target in targets)
            {
                Assert.False(string.IsNullOrEmpty(target.GetProperty("refId").GetString()));
                Assert.True(target.GetProperty("rawQuery").GetBoolean(), $"panel {title}: raw SQL, as the store's schema is not one the query builder knows");
                Assert.Equal("code", target.GetProperty("editorMode").GetString());
                Assert.Contains(target.GetProperty("format").GetString(), new[] { "table", "time_series" });
                Assert.False(string.IsNullOrWhiteSpace(target.GetProperty("rawSql").GetString()));
            }
        }
    }

    [Fact]
    public async Task Dashboard_EveryPanelsSql_RunsAsTheReadOnlyRoleAndRanksWorstFirst()
    {
        await using var owner = new PostgresFleetStore(NpgsqlDataSource.Create(_database.ConnectionString));
        await owner.MigrateAsync(Token);
        var reader = "grafana_" + Guid.NewGuid().ToString("N")[..8];
        await FleetRoles.AddReaderAsync(owner.DataSource, reader, "pw", Token);
        _database.Track(reader);
        await owner.WriteAsync(Entry("web-ok", ReportStatus.InSync, 'a', lastError: null), Token);
        await owner.WriteAsync(Entry("web-bad", ReportStatus.Failed, 'a', lastError: "fetch failed: repository not found"), Token);
        await owner.WriteAsync(Entry("web-quiet", ReportStatus.InSync, 'b', lastError: null), Token);
        // Its last report is older than three poll intervals (30 s each).
        await _database.CountAsync("WITH u AS (UPDATE gitops_fleet.hosts SET reported_at = now() - interval '5 minutes' WHERE host = 'web-quiet' RETURNING 1) SELECT count(*) FROM u", Token);

        await using var asReader = NpgsqlDataSource.Create(_database.ConnectionStringAs(reader));
        var results = new Dictionary<string, DataTable>(StringComparer.Ordinal);
        using var dashboard = JsonDocument.Parse(RepoFile("packaging/grafana/fleet-dashboard.json"));
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                var sql = ExpandMacros(target.GetProperty("rawSql").GetString()!);
                Assert.DoesNotContain("$", sql, StringComparison.Ordinal);
                await using var command = asReader.CreateCommand(sql);
                var table = new DataTable();
                await using (var rows = await command.ExecuteReaderAsync(Token))
                {
                    table.Load(rows);
                }
                results[panel.GetProperty("title").GetString()!] = table;
            }
        }

        var fleet = results["Fleet"];
        Assert.Equal(
            [("web-bad", "failed"), ("web-quiet", "unresponsive"), ("web-ok", "inSync")],
            fleet.Rows.Cast<DataRow>().Select(r => ((string)r["host"], (string)r["status"])));
        Assert.Equal("fetch failed: repository not found", fleet.Rows[0]["reason"]);
        Assert.Equal(new string('a', 12), fleet.Rows[0]["commit"]);
        Assert.Equal(1, Convert.ToInt32(fleet.Rows[0]["failed"], System.Globalization.CultureInfo.InvariantCulture));

        var counts = results["Hosts by status"].Rows[0];
        Assert.Equal((1L, 1L, 1L), ((long)counts["failed"], (long)counts["unresponsive"], (long)counts["inSync"]));

        var rollout = results["Rollout progress: hosts per commit"];
        Assert.Equal(
            [(new string('a', 12), 2L, 1L), (new string('b', 12), 1L, 0L)],
            rollout.Rows.Cast<DataRow>().Select(r => ((string)r["commit"], (long)r["hosts"], (long)r["in_sync"])));

        Assert.Equal(3, results["Status transitions"].Rows.Count);
    }

    /// <summary>The Grafana macros the dashboard uses, as Grafana expands them for a 6 h range; any other is left (and fails).</summary>
    private static string ExpandMacros(string sql) =>
        TimeFilter().Replace(sql, m => $"{m.Groups[1].Value} BETWEEN now() - interval '6 hours' AND now()");

    [GeneratedRegex(@"\$__timeFilter\(([a-z_]+)\)")]
    private static partial Regex TimeFilter();

    private static FleetEntry Entry(string host, ReportStatus status, char commit, string? lastError) => FleetEntry.From(
        host,
        new DriftReport(DriftReport.CurrentSchemaVersion, host, new DriftRevision("branch main", new string(commit, 40), false), DateTimeOffset.UtcNow, status,
            ValueList<DriftResource>.Empty, lastError, null),
        "test",
        TimeSpan.FromSeconds(30)) with { Failed = status == ReportStatus.Failed ? 1 : 0 };

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GitOps.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir.FullName, relative));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _timeout.Dispose();
    }
}
