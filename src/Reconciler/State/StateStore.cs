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

    // These mean "the file cannot be written": a failure to report, never a reason to stop the pass.
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    private const int BusyTimeoutMilliseconds = 5000;

    // After a checkpoint the write-ahead log is cut back to this size, so it never keeps what a burst of writes grew.
    private const int JournalSizeLimitBytes = 256 * 1024;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private string? _writeFailure;

    private StateStore(SqliteConnection connection, TimeProvider time, StateStoreOpening opening)
    {
        _connection = connection;
        _time = time;
        Opening = opening;
    }

    public StateStoreOpening Opening { get; }

    public string? WriteFailure => Volatile.Read(ref _writeFailure);

    /// <summary>
    /// Opens an existing state file for reading only (<c>history</c> next to a running daemon): never creates,
    /// migrates, checks or moves the file aside, and waits for a writer instead of failing with "database is locked".
    /// Throws <see cref="StateStoreException"/> when the file cannot be read.
    /// </summary>
    public static StateStore OpenReadOnly(string stateDir, TimeProvider time)
    {
        var path = Path.Combine(stateDir, FileName);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
            if (version != StateSchema.Version)
            {
                throw new StateStoreException($"the state store {path} has schema version {version}, this agent reads {StateSchema.Version}");
            }
            return new StateStore(connection, time, new StateStoreOpening(StateStoreOpenKind.Opened));
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new StateStoreException($"cannot read the state store {path}: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Checkpoint()
    {
        lock (_gate)
        {
            try
            {
                // TRUNCATE waits (busy timeout) for readers such as `history`; when one holds on, the next pass retries.
                using var command = Command("PRAGMA wal_checkpoint(TRUNCATE);");
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (IsWriteFailure(ex) || ex.SqliteErrorCode is 5 or 6)
            {
                // Busy, locked or out of space: the log is folded back at the next checkpoint.
            }
        }
    }

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
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = {JournalSizeLimitBytes};");
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

    /// <summary>Runs a write; a file that cannot be written becomes <see cref="StateStoreException"/> and is remembered in <see cref="WriteFailure"/>.</summary>
    private T Writing<T>(Func<T> write)
    {
        try
        {
            var result = write();
            Volatile.Write(ref _writeFailure, null);
            return result;
        }
        catch (SqliteException ex) when (IsWriteFailure(ex))
        {
            var message = $"cannot write the state store {_connection.DataSource}: {ex.Message}";
            Volatile.Write(ref _writeFailure, message);
            throw new StateStoreException(message, ex);
        }
    }

    private static bool IsWriteFailure(SqliteException ex) =>
        ex.SqliteErrorCode is SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCantOpen;

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public void Dispose() => _connection.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the state store {Path}")]
    private static partial void LogCreated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The state store {Path} was unreadable ({Reason}); moved it to {MovedAside} and started a new one")]
    private static partial void LogRebuilt(ILogger logger, string path, string movedAside, string reason);
}
