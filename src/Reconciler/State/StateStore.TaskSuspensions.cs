using GitOps.Reconciler.Tasks;

namespace GitOps.Reconciler.State;

public sealed partial class StateStore : ITaskSuspensions
{
    public IReadOnlyList<TaskSuspension> GetTaskSuspensions()
    {
        lock (_gate)
        {
            using var command = Command("SELECT task, at, by, reason FROM task_suspended ORDER BY task");
            using var reader = command.ExecuteReader();
            var result = new List<TaskSuspension>();
            while (reader.Read())
            {
                result.Add(new TaskSuspension(
                    reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
            return result;
        }
    }

    public void SuspendTask(TaskSuspension suspension)
    {
        ArgumentNullException.ThrowIfNull(suspension);
        Write(
            """
            INSERT INTO task_suspended (task, at, by, reason) VALUES ($task, $at, $by, $reason)
            ON CONFLICT (task) DO UPDATE SET at = excluded.at, by = excluded.by, reason = excluded.reason
            """,
            ("$task", suspension.Task), ("$at", suspension.At.ToUnixTimeMilliseconds()), ("$by", suspension.By), ("$reason", suspension.Reason));
    }

    public bool ResumeTask(string task)
    {
        lock (_gate)
        {
            var existed = GetTaskSuspensions().Any(s => s.Task == task);
            Write("DELETE FROM task_suspended WHERE task = $task", ("$task", task));
            return existed;
        }
    }

    /// <summary>
    /// Each task's newest run that actually ran (Succeeded, Failed or TimedOut): what "last outcome" means in reports,
    /// so a skipped or missed fire does not hide a failure.
    /// </summary>
    public IReadOnlyDictionary<string, TaskRunRecord> GetLastTaskRuns()
    {
        lock (_gate)
        {
            using var command = Command(
                $"""
                SELECT {TaskRunColumns} FROM task_run WHERE id IN
                    (SELECT MAX(id) FROM task_run WHERE outcome IN ('Succeeded', 'Failed', 'TimedOut') GROUP BY task)
                """);
            return ReadRuns(command).ToDictionary(r => r.Task, StringComparer.Ordinal);
        }
    }
}
