using Npgsql;

namespace GitOps.Reconciler.Fleet;

/// <summary>
/// The fleet store on PostgreSQL. A write is one statement: the host's row upserted (heartbeat and status time by the
/// database's clock) and, only when the status changed, one history row.
/// </summary>
public sealed partial class PostgresFleetStore(NpgsqlDataSource dataSource) : IFleetStore, IAsyncDisposable, IDisposable
{
    private const string S = FleetSchema.Name;

    private const string Upsert = $"""
        WITH previous AS (SELECT status FROM {S}.hosts WHERE host = @host),
        written AS (
            INSERT INTO {S}.hosts AS h (host, status, commit, ref, agent_version, poll_interval_seconds, drifted, failed, report, generated_at, in_sync_since)
            VALUES (@host, @status, @commit, @ref, @version, @interval, @drifted, @failed, @report::jsonb, @generated,
                    CASE WHEN @status = 'inSync' THEN now() END)
            ON CONFLICT (host) DO UPDATE SET
                status = EXCLUDED.status, commit = EXCLUDED.commit, ref = EXCLUDED.ref, agent_version = EXCLUDED.agent_version,
                poll_interval_seconds = EXCLUDED.poll_interval_seconds, drifted = EXCLUDED.drifted, failed = EXCLUDED.failed,
                report = EXCLUDED.report, generated_at = EXCLUDED.generated_at, reported_at = now(),
                status_since = CASE WHEN h.status = EXCLUDED.status THEN h.status_since ELSE now() END,
                -- The soak of a rollout counts from the first inSync at a commit; a failure at it starts it again.
                in_sync_since = CASE
                    WHEN h.commit IS DISTINCT FROM EXCLUDED.commit THEN EXCLUDED.in_sync_since
                    WHEN EXCLUDED.status IN ('failed', 'stalled') THEN NULL
                    WHEN EXCLUDED.status = 'inSync' THEN coalesce(h.in_sync_since, now())
                    ELSE h.in_sync_since END
            RETURNING status, commit)
        INSERT INTO {S}.host_history (host, from_status, status, commit)
        SELECT @host, (SELECT status FROM previous), written.status, written.commit FROM written
        WHERE (SELECT status FROM previous) IS DISTINCT FROM written.status
        """;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>A store over the connection string in <paramref name="connectionStringFile"/> (read now, never logged).</summary>
    public static PostgresFleetStore Open(string connectionStringFile) =>
        new(NpgsqlDataSource.Create(WithoutIdleConnections(File.ReadAllText(connectionStringFile).Trim())));

    /// <summary>
    /// An agent talks to the store once per pass, so by default it keeps no connection open between passes: a pool's
    /// idle connection per agent would hold a thousand of the server's connection slots (PostgreSQL allows 100 by
    /// default) for a thousand agents that each use theirs a few milliseconds per poll interval. A connection string
    /// that says <c>Pooling</c> itself keeps its choice (for a pooler such as PgBouncer in front, for instance).
    /// </summary>
    public static string WithoutIdleConnections(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Pooling") ? connectionString : new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
    }

    /// <summary>
    /// A store for a one-shot command (the <c>fleet</c> verbs): Npgsql's slim builder, which sets up only the basic
    /// types those verbs read and write, and no loading of the server's type catalog when connecting. A short process
    /// pays for both on every run; the daemon's store (<see cref="Open"/>) pays once.
    /// </summary>
    public static PostgresFleetStore OpenForCommand(string connectionStringFile)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(File.ReadAllText(connectionStringFile).Trim());
        builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        return new(builder.Build());
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => FleetMigrator.MigrateAsync(dataSource, cancellationToken);

    public async Task WriteAsync(FleetEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = dataSource.CreateCommand(Upsert);
        command.Parameters.AddWithValue("host", entry.Host);
        command.Parameters.AddWithValue("status", entry.Status);
        command.Parameters.AddWithValue("commit", (object?)entry.Commit ?? DBNull.Value);
        command.Parameters.AddWithValue("ref", (object?)entry.Ref ?? DBNull.Value);
        command.Parameters.AddWithValue("version", entry.AgentVersion);
        command.Parameters.AddWithValue("interval", entry.PollInterval.TotalSeconds);
        command.Parameters.AddWithValue("drifted", entry.Drifted);
        command.Parameters.AddWithValue("failed", entry.Failed);
        command.Parameters.AddWithValue("report", entry.ReportJson);
        command.Parameters.AddWithValue("generated", entry.GeneratedAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every host that ever reported.</summary>
    public async Task<IReadOnlyList<FleetHostRow>> ReadHostsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT host, status, commit, ref, agent_version, poll_interval_seconds, drifted, failed, reported_at,
                   extract(epoch FROM now() - reported_at)::double precision,
                   coalesce(report->'stalled'->>'reason', report->>'lastError', report->'rollout'->>'waiting')
            FROM {S}.hosts ORDER BY host
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<FleetHostRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new FleetHostRow(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), TimeSpan.FromSeconds(reader.GetDouble(5)), reader.GetInt32(6), reader.GetInt32(7),
                reader.GetFieldValue<DateTimeOffset>(8), TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(9))))
            {
                Reason = reader.IsDBNull(10) ? null : reader.GetString(10),
            });
        }
        return rows;
    }

    /// <summary>The latest drift report a host wrote (its JSON), or null when it never reported.</summary>
    public async Task<string?> ReadReportAsync(string host, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT report::text FROM {S}.hosts WHERE host = $1");
        command.Parameters.AddWithValue(host);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The history of status transitions, newest first.</summary>
    public async Task<IReadOnlyList<(string Host, string? From, string To, string? Commit)>> ReadHistoryAsync(string host, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT host, from_status, status, commit FROM {S}.host_history WHERE host = $1 ORDER BY id DESC");
        command.Parameters.AddWithValue(host);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, string?, string, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return rows;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();
}
