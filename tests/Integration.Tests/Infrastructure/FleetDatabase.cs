using Npgsql;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>
/// A database of its own on the test PostgreSQL (scripts/test-env.sh --test-tools: 127.0.0.1:55432, trust on
/// loopback), dropped with the roles a test made. Unreachable is a failure that says how to start it, never a skip.
/// </summary>
public sealed class FleetDatabase : IAsyncDisposable
{
    public static readonly int Port = int.TryParse(Environment.GetEnvironmentVariable("GITOPS_TEST_PG_PORT"), out var port) ? port : 55432;

    private static readonly string Server = $"Host=127.0.0.1;Port={Port};Username=postgres;Timeout=10;Command Timeout=30";

    private readonly List<string> _roles = [];

    private FleetDatabase(string name) => Name = name;

    public string Name { get; }

    /// <summary>The owner's connection string (the postgres superuser: migrations and roles).</summary>
    public string ConnectionString => ConnectionStringAs("postgres");

    public string ConnectionStringAs(string user) => $"Host=127.0.0.1;Port={Port};Username={user};Password=unused;Database={Name};Timeout=5;Command Timeout=30";

    public static async Task<FleetDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var database = new FleetDatabase("gitops_fleet_it_" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await database.OnServerAsync($"CREATE DATABASE {database.Name}", cancellationToken);
        }
        catch (NpgsqlException e)
        {
            Assert.Fail($"the test PostgreSQL on 127.0.0.1:{Port} is not reachable ({e.Message}); start it with: sudo bash scripts/test-env.sh --test-tools");
        }
        return database;
    }

    /// <summary>A file holding the connection string as <paramref name="user"/>, as an agent's fleet-db file.</summary>
    public string WriteConnectionFile(string directory, string user = "postgres")
    {
        var path = Path.Combine(directory, $"fleet-db-{user}");
        File.WriteAllText(path, ConnectionStringAs(user) + "\n");
        return path;
    }

    /// <summary>Drops this role with the database (roles belong to the whole server).</summary>
    public void Track(string role) => _roles.Add(role);

    /// <summary>The store down (no connection accepted, open ones closed) or back.</summary>
    public async Task AcceptConnectionsAsync(bool accept, CancellationToken cancellationToken)
    {
        await OnServerAsync($"ALTER DATABASE {Name} WITH ALLOW_CONNECTIONS {(accept ? "true" : "false")}", cancellationToken);
        if (!accept)
        {
            await OnServerAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}'", cancellationToken);
        }
    }

    public async Task<long> CountAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task OnServerAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Server + ";Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await OnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", CancellationToken.None);
        foreach (var role in _roles)
        {
            await OnServerAsync($"DROP ROLE IF EXISTS \"{role}\"", CancellationToken.None);
        }
    }
}
