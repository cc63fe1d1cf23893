using GitOps.Reconciler.Rollout;
using Npgsql;

namespace GitOps.Reconciler.Fleet;

/// <summary>The fleet store as the rollout gate and the waves' leases read and write it.</summary>
public sealed partial class PostgresFleetStore : IRolloutStore
{
    public async Task<RolloutSnapshot> ReadHostsAsync(IReadOnlyCollection<string> hosts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        // The database's clock is read with the rows, so hosts with skewed clocks soak alike.
        await using var command = dataSource.CreateCommand($"""
            SELECT n.now, h.host, h.status, h.commit, h.poll_interval_seconds, h.reported_at, h.in_sync_since,
                   EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(h.report->'resources') = 'array'
                                                                 THEN h.report->'resources' ELSE '[]'::jsonb END) r
                           WHERE r->>'status' = 'rolledBack')
            FROM (SELECT now() AS now) n LEFT JOIN {S}.hosts h ON h.host = ANY(@hosts)
            """);
        command.Parameters.AddWithValue("hosts", hosts.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<RolloutHostState>();
        var now = DateTimeOffset.MinValue;
        while (await reader.ReadAsync(cancellationToken))
        {
            now = reader.GetFieldValue<DateTimeOffset>(0);
            if (reader.IsDBNull(1))
            {
                continue;
            }
            rows.Add(new RolloutHostState(
                reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                TimeSpan.FromSeconds(reader.GetDouble(4)), reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), reader.GetBoolean(7)));
        }
        return new RolloutSnapshot(rows, now);
    }

    public async Task<RolloutLeaseAttempt> TryTakeLeaseAsync(string host, string wave, string commit, int limit, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Counting and taking under one lock per wave: two hosts never both take the last lease.
        await using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, hashtext(@wave))", connection, transaction))
        {
            locking.Parameters.AddWithValue("class", FleetSchema.RolloutLockClass);
            locking.Parameters.AddWithValue("wave", wave);
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }
        var holders = new List<string>();
        await using (var read = new NpgsqlCommand(
            $"SELECT host FROM {S}.rollout_leases WHERE wave = @wave AND host <> @host AND expires_at > now() ORDER BY host", connection, transaction))
        {
            read.Parameters.AddWithValue("wave", wave);
            read.Parameters.AddWithValue("host", host);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                holders.Add(reader.GetString(0));
            }
        }
        if (!RolloutLeases.CanTake(limit, holders))
        {
            await transaction.RollbackAsync(cancellationToken);
            return new RolloutLeaseAttempt(false, holders);
        }
        await using (var take = new NpgsqlCommand($"""
            INSERT INTO {S}.rollout_leases (host, wave, commit, expires_at) VALUES (@host, @wave, @commit, now() + @ttl)
            ON CONFLICT (host) DO UPDATE SET wave = EXCLUDED.wave, commit = EXCLUDED.commit, taken_at = now(), expires_at = EXCLUDED.expires_at
            """, connection, transaction))
        {
            take.Parameters.AddWithValue("host", host);
            take.Parameters.AddWithValue("wave", wave);
            take.Parameters.AddWithValue("commit", commit);
            take.Parameters.AddWithValue("ttl", ttl);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new RolloutLeaseAttempt(true, holders);
    }

    public async Task<bool> RenewLeaseAsync(string host, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"UPDATE {S}.rollout_leases SET expires_at = now() + @ttl WHERE host = @host");
        command.Parameters.AddWithValue("ttl", ttl);
        command.Parameters.AddWithValue("host", host);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task ReleaseLeaseAsync(string host, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {S}.rollout_leases WHERE host = @host");
        command.Parameters.AddWithValue("host", host);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
