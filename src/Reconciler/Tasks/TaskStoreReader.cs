using System.Text.Json;
using GitOps.Reconciler.Common;
using Microsoft.Data.Sqlite;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// Reads the tasks of the job store straight from its SQLite file, read-only, for the CLI (<c>tasks</c>, <c>suspend
/// task/NAME</c>): no Quartz scheduler is built, so nothing can fire, recover or take over the daemon's scheduler,
/// whether the daemon runs or not. What it returns is what <see cref="TaskSchedule.ReadAsync"/> returns.
/// </summary>
public static class TaskStoreReader
{
    /// <summary>The tasks in the store, by name; empty when there is no store yet.</summary>
    public static IReadOnlyList<ScheduledTask> Read(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, TaskSchedule.FileName);
        if (!File.Exists(path))
        {
            return [];
        }
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using (var tables = connection.CreateCommand())
        {
            // The daemon creates the tables on its first start: a store without them has no tasks yet.
            tables.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('QRTZ_JOB_DETAILS', 'QRTZ_TRIGGERS', 'QRTZ_CRON_TRIGGERS')";
            if ((long)tables.ExecuteScalar()! < 3)
            {
                return [];
            }
        }
        var specs = new Dictionary<string, (string Spec, string? Revision)>(StringComparer.Ordinal);
        using (var jobs = connection.CreateCommand())
        {
            jobs.CommandText = "SELECT JOB_NAME, JOB_DATA FROM QRTZ_JOB_DETAILS WHERE SCHED_NAME = $sched AND JOB_GROUP = $group";
            jobs.Parameters.AddWithValue("$sched", TaskSchedule.SchedulerName);
            jobs.Parameters.AddWithValue("$group", TaskKeys.Group);
            using var reader = jobs.ExecuteReader();
            while (reader.Read())
            {
                // Job data is stored as strings (StoreJobDataAsStrings): a JSON object of string values.
                var data = reader.IsDBNull(1) ? null : JsonSerializer.Deserialize((byte[])reader[1], TaskJsonContext.Default.DictionaryStringString);
                if (data?.GetValueOrDefault(TaskKeys.SpecData) is { } spec)
                {
                    specs[reader.GetString(0)] = (spec, data.GetValueOrDefault(TaskKeys.RevisionData));
                }
            }
        }
        var triggers = new List<(string Job, string Name, string Cron, string? Zone, long? Next, long? Previous, string State)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                """
                SELECT t.JOB_NAME, t.TRIGGER_NAME, c.CRON_EXPRESSION, c.TIME_ZONE_ID, t.NEXT_FIRE_TIME, t.PREV_FIRE_TIME, t.TRIGGER_STATE
                FROM QRTZ_TRIGGERS t JOIN QRTZ_CRON_TRIGGERS c
                  ON c.SCHED_NAME = t.SCHED_NAME AND c.TRIGGER_NAME = t.TRIGGER_NAME AND c.TRIGGER_GROUP = t.TRIGGER_GROUP
                WHERE t.SCHED_NAME = $sched AND t.TRIGGER_GROUP = $group
                """;
            command.Parameters.AddWithValue("$sched", TaskSchedule.SchedulerName);
            command.Parameters.AddWithValue("$group", TaskKeys.Group);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                triggers.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetString(6)));
            }
        }
        return [.. specs.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
        {
            var own = triggers.Where(t => t.Job == s.Key).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            return new ScheduledTask(
                s.Key,
                StoredTask.Read(s.Value.Spec),
                s.Value.Revision,
                ValueList.From(own.Select(t => t.Cron)),
                own.FirstOrDefault().Zone,
                own.Any(t => t.State == "PAUSED"),
                own.Select(t => Time(t.Next)).Where(t => t is not null).DefaultIfEmpty().Min(),
                own.Select(t => Time(t.Previous)).Where(t => t is not null).DefaultIfEmpty().Max());
        })];
    }

    // Quartz keeps times as UTC ticks; a negative value means none.
    private static DateTimeOffset? Time(long? ticks) => ticks is > 0 ? new DateTimeOffset(ticks.Value, TimeSpan.Zero) : null;
}
