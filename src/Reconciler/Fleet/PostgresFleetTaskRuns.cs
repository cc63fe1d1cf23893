using GitOps.Reconciler.Tasks;
using Npgsql;

namespace GitOps.Reconciler.Fleet;

/// <summary>The fires of fleet tasks in <c>gitops_fleet.task_runs</c> (a host's role may add only its own).</summary>
public sealed class PostgresFleetTaskRuns(NpgsqlDataSource dataSource) : IFleetTaskRuns
{
    private const string S = FleetSchema.Name;

    public async Task RecordAsync(FleetTaskRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var command = dataSource.CreateCommand($"INSERT INTO {S}.task_runs (run_on, task, scheduled_at, host) VALUES ($1, $2, $3, $4)");
        command.Parameters.AddWithValue(run.RunOn);
        command.Parameters.AddWithValue(run.Task);
        command.Parameters.AddWithValue(run.ScheduledAt.UtcDateTime);
        command.Parameters.AddWithValue(run.Host);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, FleetTaskRun>> LatestAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT DISTINCT ON (run_on, task) run_on, task, scheduled_at, host FROM {S}.task_runs ORDER BY run_on, task, id DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, FleetTaskRun>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var run = new FleetTaskRun(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero), reader.GetString(3));
            result[FleetTaskKeys.Display(run.Task, run.RunOn)] = run;
        }
        return result;
    }

    public async Task<IReadOnlyList<string>> ScheduledGroupsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT DISTINCT job_group FROM {FleetTaskTables.TablePrefix}job_details WHERE sched_name = $1 AND starts_with(job_group, $2)");
        command.Parameters.AddWithValue(FleetTaskKeys.SchedulerName);
        command.Parameters.AddWithValue(FleetTaskKeys.GroupPrefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0)[FleetTaskKeys.GroupPrefix.Length..]);
        }
        return result;
    }

    /// <summary>Every recorded fire, oldest first (for tests and audits).</summary>
    public async Task<IReadOnlyList<FleetTaskRun>> AllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT run_on, task, scheduled_at, host FROM {S}.task_runs ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<FleetTaskRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new FleetTaskRun(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero), reader.GetString(3)));
        }
        return result;
    }
}
