using System.Text.RegularExpressions;
using Npgsql;

namespace GitOps.Reconciler.Fleet;

/// <summary>
/// The store's roles: one login role per host, which row-level security lets write only that host's rows
/// (<c>gitops_fleet.own_host()</c> maps the role to its host), and read-only roles for operators and dashboards.
/// Run with a role that owns the schema (the one that migrated it); docs/fleet.md shows the SQL.
/// </summary>
public static partial class FleetRoles
{
    private const string S = FleetSchema.Name;

    /// <summary>The role of <paramref name="host"/>: <c>gitops_fleet_host_</c> and the name in lower case, other characters as <c>_</c>.</summary>
    public static string HostRole(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var role = "gitops_fleet_host_" + NotInRoleName().Replace(host.ToLowerInvariant(), "_");
        return role.Length <= 63 ? role : throw new ArgumentException($"host name '{host}' is too long for a role name (63 characters at most)", nameof(host));
    }

    /// <summary>The statements that create (or update) a host's role and grant it its own rows.</summary>
    public static IReadOnlyList<string> HostStatements(string role, string password) =>
    [
        .. LoginStatements(role, password),
        $"GRANT USAGE ON SCHEMA {S} TO {Quote(role)}",
        $"GRANT SELECT ON {S}.hosts, {S}.host_history, {S}.schema_migrations TO {Quote(role)}",
        $"GRANT INSERT, UPDATE ON {S}.hosts TO {Quote(role)}",
        $"GRANT INSERT ON {S}.host_history TO {Quote(role)}",
        $"GRANT SELECT, INSERT, UPDATE, DELETE ON {S}.rollout_leases TO {Quote(role)}",
        // Quartz's cluster: every node reads and writes every row of its scheduler (locks, triggers, check-ins).
        $"GRANT SELECT, INSERT, UPDATE, DELETE ON {string.Join(", ", FleetTaskTables.QuartzTables.Select(t => $"{S}.qrtz_{t}"))} TO {Quote(role)}",
        $"GRANT SELECT, INSERT ON {S}.task_runs TO {Quote(role)}",
    ];

    /// <summary>The statements that create (or update) a read-only role.</summary>
    public static IReadOnlyList<string> ReaderStatements(string role, string password) =>
    [
        .. LoginStatements(role, password),
        $"GRANT USAGE ON SCHEMA {S} TO {Quote(role)}",
        $"GRANT SELECT ON {S}.hosts, {S}.host_history, {S}.schema_migrations, {S}.task_runs TO {Quote(role)}",
        $"GRANT SELECT ON {S}.rollout_leases TO {Quote(role)}",
    ];

    /// <summary>Migrates the schema, then creates the host's role and maps it to the host (a host has one role).</summary>
    public static async Task AddHostAsync(NpgsqlDataSource admin, string host, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var role = HostRole(host);
        await FleetMigrator.MigrateAsync(admin, cancellationToken);
        await using var connection = await admin.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var statement in HostStatements(role, password))
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var map = new NpgsqlCommand(
            $"INSERT INTO {S}.host_roles (host, role) VALUES ($1, $2) ON CONFLICT (host) DO UPDATE SET role = EXCLUDED.role", connection, transaction))
        {
            map.Parameters.AddWithValue(host);
            map.Parameters.AddWithValue(role);
            await map.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Migrates the schema, then creates a read-only login role.</summary>
    public static async Task AddReaderAsync(NpgsqlDataSource admin, string role, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (!ReaderName().IsMatch(role))
        {
            throw new ArgumentException($"'{role}' is not a role name (lower-case letters, digits and '_', starting with a letter)", nameof(role));
        }
        await FleetMigrator.MigrateAsync(admin, cancellationToken);
        await using var connection = await admin.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var statement in ReaderStatements(role, password))
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    // Roles are shared by every database of the server: an existing role is updated, not created again.
    private static IReadOnlyList<string> LoginStatements(string role, string password) =>
    [
        $"DO $$ BEGIN CREATE ROLE {Quote(role)} LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
        $"ALTER ROLE {Quote(role)} LOGIN PASSWORD {Literal(password)}",
    ];

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NotInRoleName();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex ReaderName();
}
