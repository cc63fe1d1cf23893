using Npgsql;

namespace GitOps.Reconciler.Fleet;

/// <summary>
/// Brings the fleet store's schema to <see cref="FleetSchema.Latest"/>. Many agents start at once: each takes the same
/// transaction-scoped advisory lock, so one applies the missing migrations and the others then find them applied. A
/// store already current costs one query and no lock, which is all a host's role (no CREATE rights) ever needs.
/// </summary>
public static class FleetMigrator
{
    /// <returns>The schema version this call found in place (0 for an empty database; the latest when another agent migrated first).</returns>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await VersionAsync(connection, null, cancellationToken);
        if (found >= FleetSchema.Latest)
        {
            return found;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({FleetSchema.MigrationLockKey})", cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            CREATE SCHEMA IF NOT EXISTS {FleetSchema.Name};
            CREATE TABLE IF NOT EXISTS {FleetSchema.Name}.schema_migrations (
                version     integer PRIMARY KEY,
                description text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken);
        // Read again under the lock: another agent may have migrated while this one waited.
        var current = await VersionAsync(connection, transaction, cancellationToken);
        foreach (var migration in FleetSchema.Migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                $"INSERT INTO {FleetSchema.Name}.schema_migrations (version, description) VALUES ($1, $2)", connection, transaction);
            record.Parameters.AddWithValue(migration.Version);
            record.Parameters.AddWithValue(migration.Description);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return current;
    }

    /// <summary>The applied schema version; 0 when the schema or its version table does not exist yet.</summary>
    public static async Task<int> VersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            $"SELECT coalesce(max(version), 0) FROM {FleetSchema.Name}.schema_migrations",
            connection, transaction);
        try
        {
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName && transaction is null)
        {
            return 0;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
