using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.State;

/// <summary>
/// The embedded state: one SQLite file, <c>&lt;stateDir&gt;/state.db</c>. A missing file is created; an unreadable
/// or corrupt one (or one from a newer schema) is moved aside as <c>state.db.corrupt-&lt;timestamp&gt;</c> and
/// rebuilt empty instead of stopping the agent: everything in it is re-derived from the host.
/// </summary>
public sealed partial class StateStore : IStateStore, IDisposable
{
    public const string FileName = "state.db";

    // Only these mean "damaged"; busy, locked or permission errors must never move a healthy file aside.
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    private StateStore(SqliteConnection connection, TimeProvider time, StateStoreOpening opening)
    {
        _connection = connection;
        _time = time;
        Opening = opening;
    }

    public StateStoreOpening Opening { get; }

    public static StateStore Open(string stateDir, TimeProvider time, ILogger<StateStore> logger)
    {
        Directory.CreateDirectory(stateDir);
        var path = Path.Combine(stateDir, FileName);
        var existed = File.Exists(path);
        try
        {
            var connection = Connect(path);
            var opening = new StateStoreOpening(existed ? StateStoreOpenKind.Opened : StateStoreOpenKind.Created);
            if (opening.Kind == StateStoreOpenKind.Created)
            {
                LogCreated(logger, path);
            }
            return new StateStore(connection, time, opening);
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase })
        {
            SqliteConnection.ClearAllPools();
            var aside = $"{path}.corrupt-{time.GetUtcNow():yyyyMMddTHHmmssfffZ}";
            File.Move(path, aside);
            foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
            {
                if (File.Exists(path + suffix))
                {
                    File.Move(path + suffix, aside + suffix);
                }
            }
            LogRebuilt(logger, path, aside, ex.Message);
            return new StateStore(Connect(path), time, new StateStoreOpening(StateStoreOpenKind.Rebuilt, aside, ex.Message));
        }
    }

    private static SqliteConnection Connect(string path)
    {
        // No pooling: a pooled handle would keep a damaged file open while it is moved aside.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            var check = Scalar(connection, "PRAGMA quick_check;") as string;
            if (check != "ok")
            {
                throw new InvalidDataException("integrity check failed: " + check);
            }
            Migrate(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Migrate(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > StateSchema.Version)
        {
            throw new InvalidDataException($"schema version {version} is newer than this agent's {StateSchema.Version}");
        }
        for (var next = version; next < StateSchema.Version; next++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, StateSchema.Migrations[next], transaction);
            Execute(connection, $"PRAGMA user_version = {next + 1};", transaction);
            transaction.Commit();
        }
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public void Dispose() => _connection.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the state store {Path}")]
    private static partial void LogCreated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The state store {Path} was unreadable ({Reason}); moved it to {MovedAside} and started a new one")]
    private static partial void LogRebuilt(ILogger logger, string path, string movedAside, string reason);
}
