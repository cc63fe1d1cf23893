using GitOps.Daemon.Commands;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.State;

/// <summary><c>gitops-agent history</c> as a child process next to another process that holds or writes the state file.</summary>
public sealed class HistoryCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly ILoggerFactory _loggers = TestOutputLoggerProvider.Factory(output);
    private readonly TempDirectory _state = new("history-cli");

    private ProcessRunner.Result History() =>
        ProcessRunner.Run("dotnet", [typeof(HistoryCommand).Assembly.Location, "history", "--state-dir", _state.Path], check: false);

    private StateStore Writer()
    {
        var store = StateStore.Open(_state.Path, TimeProvider.System, _loggers.CreateLogger<StateStore>());
        store.AddReconcile(Record(), 50);
        return store;
    }

    private static ReconcileRecord Record() =>
        new(DateTimeOffset.UtcNow, "0123456789abcdef", TimeSpan.FromMilliseconds(40), "Converged", null, [new ResourceOutcome("Container", "app", "web", "Update", "Applied")]);

    [Fact]
    public async Task History_WhileAnotherProcessWrites_ReadsEveryTime()
    {
        using var writer = Writer();
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                writer.AddReconcile(Record(), 50);
                writer.RecordApplied("host", Guid.NewGuid().ToString("N"));
            }
        });
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var run = History();
                Assert.True(run.ExitCode == 0, run.Error);
                Assert.Contains("0123456", run.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writes;
        }
    }

    [Fact]
    public void History_WhileAnotherConnectionHoldsAnExclusiveWriteTransaction_ReadsWithoutWaiting()
    {
        Writer().Dispose();
        using var writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _state.Combine(StateStore.FileName), Pooling = false }.ToString());
        writer.Open();
        using (var command = writer.CreateCommand())
        {
            // An exclusive write in progress, held until the reader is done: longer than any busy timeout would wait.
            // With the write-ahead log a reader reads the last commit at once; a rollback journal would lock it out.
            command.CommandText = """
                BEGIN EXCLUSIVE;
                INSERT INTO reconcile (started_at, revision, duration_ms, outcome, message, resources)
                SELECT started_at, 'fedcba9876543210', duration_ms, outcome, message, resources FROM reconcile LIMIT 1;
                """;
            command.ExecuteNonQuery();
        }

        var run = History();

        using (var rollback = writer.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("0123456", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("fedcba9", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void History_FileHeldExclusivelyByAnotherProcess_OneLineNoStackTrace()
    {
        Writer().Dispose();
        using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _state.Combine(StateStore.FileName), Pooling = false }.ToString());
        holder.Open();
        using (var command = holder.CreateCommand())
        {
            // An exclusive locking mode keeps the write lock after the write: every other process is locked out.
            command.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; DELETE FROM suspended; COMMIT;";
            command.ExecuteNonQuery();
        }

        var run = History();

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("gitops-agent history: ", line, StringComparison.Ordinal);
        Assert.Contains("locked", line, StringComparison.Ordinal);
    }

    [Fact]
    public void History_CorruptStateFile_OneLineAndTheFileLeftWhereItIs()
    {
        var path = _state.Combine(StateStore.FileName);
        File.WriteAllText(path, "not a database, only a sentence that is long enough to look like a header and then some");

        var run = History();

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        // Before: the reader moved the daemon's file aside and printed an empty history.
        Assert.True(File.Exists(path));
        Assert.DoesNotContain(Directory.GetFiles(_state.Path), f => f.Contains(".corrupt-", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _state.Dispose();
        _loggers.Dispose();
    }
}
