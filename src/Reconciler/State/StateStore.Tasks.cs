using GitOps.Reconciler.Tasks;
using Microsoft.Data.Sqlite;

namespace GitOps.Reconciler.State;

public sealed partial class StateStore : ITaskHistory
{
    private const string TaskRunColumns =
        "id, task, scheduled_at, started_at, ended_at, outcome, exit_code, output, message, revision, trigger, attempts";

    public long AddTaskRun(TaskRunRecord run, int keep, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            long id;
            using (var insert = Command(
                """
                INSERT INTO task_run (task, scheduled_at, started_at, ended_at, outcome, exit_code, output, message, revision, trigger, attempts)
                VALUES ($task, $scheduled, $started, $ended, $outcome, $exit, $output, $message, $revision, $trigger, $attempts) RETURNING id
                """,
                ("$task", run.Task), ("$scheduled", run.ScheduledAt.ToUnixTimeMilliseconds()),
                ("$started", run.StartedAt.ToUnixTimeMilliseconds()), ("$ended", run.EndedAt.ToUnixTimeMilliseconds()),
                ("$outcome", run.Outcome.ToString()), ("$exit", run.ExitCode), ("$output", run.Output), ("$message", run.Message),
                ("$revision", run.Revision), ("$trigger", run.Trigger), ("$attempts", run.Attempts)))
            {
                insert.Transaction = transaction;
                id = (long)insert.ExecuteScalar()!;
            }
            using (var prune = Command(
                """
                DELETE FROM task_run WHERE task = $task AND (ended_at < $oldest OR id NOT IN
                    (SELECT id FROM task_run WHERE task = $task ORDER BY id DESC LIMIT $keep))
                """,
                ("$task", run.Task), ("$oldest", Now() - (long)maxAge.TotalMilliseconds), ("$keep", keep)))
            {
                prune.Transaction = transaction;
                prune.ExecuteNonQuery();
            }
            transaction.Commit();
            return id;
        }
    }

    public IReadOnlyList<TaskRunRecord> GetTaskRuns(string task, int limit)
    {
        lock (_gate)
        {
            using var command = Command($"SELECT {TaskRunColumns} FROM task_run WHERE task = $task ORDER BY id DESC LIMIT $limit",
                ("$task", task), ("$limit", limit));
            return ReadRuns(command);
        }
    }

    public TaskRunRecord? GetTaskRun(long id)
    {
        lock (_gate)
        {
            using var command = Command($"SELECT {TaskRunColumns} FROM task_run WHERE id = $id", ("$id", id));
            return ReadRuns(command).FirstOrDefault();
        }
    }

    private static List<TaskRunRecord> ReadRuns(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var result = new List<TaskRunRecord>();
        while (reader.Read())
        {
            result.Add(new TaskRunRecord(
                reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                Enum.Parse<TaskOutcome>(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetString(10),
                reader.GetInt32(11))
            { Id = reader.GetInt64(0) });
        }
        return result;
    }
}
