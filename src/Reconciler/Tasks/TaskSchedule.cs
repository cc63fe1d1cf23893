using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The tasks kind's scheduler: one Quartz scheduler on the persistent ADO.NET job store in SQLite
/// (<c>&lt;stateDir&gt;/tasks.db</c>, provider Microsoft.Data.Sqlite), whose tables Quartz creates on the first start
/// and checks on every start. Reading it is the tasks kind's probe; <see cref="ApplyAsync"/> its apply.
/// </summary>
public sealed partial class TaskSchedule : ITaskKind, IAsyncDisposable
{
    public const string FileName = "tasks.db";
    public const string SchedulerName = "gitops-agent-tasks";

    private readonly IScheduler _scheduler;
    private readonly ILogger _logger;
    private bool _stopped;

    private TaskSchedule(IScheduler scheduler, ILogger logger)
    {
        _scheduler = scheduler;
        _logger = logger;
    }

    public static async Task<TaskSchedule> OpenAsync(TaskScheduleOptions options, TaskRunner runner, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var scheduler = await BuildAsync(options, time, loggers, cancellationToken);
        var misses = new TaskMissListener(runner);
        scheduler.Context[TaskJob.RunnerContextKey] = runner;
        scheduler.Context[TaskJob.MissesContextKey] = misses;
        scheduler.ListenerManager.AddTriggerListener(misses, [GroupMatcher<TriggerKey>.GroupEquals(TaskKeys.Group)]);
        return new TaskSchedule(scheduler, loggers.CreateLogger<TaskSchedule>());
    }

    /// <summary>
    /// The job store as <c>plan</c> reads it, never started (nothing fires); null when the agent has no store yet, so
    /// every task targeted at the host is planned as a create. Shut down on dispose.
    /// </summary>
    public static async Task<TaskSchedule?> OpenForPlanAsync(TaskScheduleOptions options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        if (!File.Exists(Path.Combine(options.StateDirectory, FileName)))
        {
            return null;
        }
        return new TaskSchedule(await BuildAsync(options, time, loggers, cancellationToken), loggers.CreateLogger<TaskSchedule>());
    }

    private static async Task<IScheduler> BuildAsync(TaskScheduleOptions options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        Directory.CreateDirectory(options.StateDirectory);
        var path = Path.Combine(options.StateDirectory, FileName);
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        // WAL lets the CLI read schedules while the daemon writes; the setting stays with the file.
        using (var sqlite = new SqliteConnection(connection))
        {
            sqlite.Open();
            using var command = sqlite.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }
        return await QuartzSchedulerBuilder.Create(q =>
        {
            q.Services.AddSingleton(loggers);
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                s.InstanceId = "agent";
            });
            q.UseTimeProvider(time);
            q.UseDefaultThreadPool(options.MaxConcurrentRuns);
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(Microsoft.Data.Sqlite.SqliteFactory.Instance, connection);
                store.ProvisionSchema();
                store.ConfigureStore(o =>
                {
                    o.MisfireThreshold = options.MisfireThreshold;
                    o.StoreJobDataAsStrings = true;
                });
            });
        }).BuildScheduler(cancellationToken);
    }

    /// <summary>Starts firing; misfires found in the store are handled now (once per task, within its deadline).</summary>
    public Task StartAsync(CancellationToken cancellationToken) => _scheduler.Start(cancellationToken).AsTask();

    /// <summary>Stops firing and waits for running tasks (each is bounded by its timeout).</summary>
    public async Task StopAsync(bool waitForRuns, CancellationToken cancellationToken)
    {
        _stopped = true;
        await _scheduler.Shutdown(waitForRuns, cancellationToken);
    }

    /// <summary>Every task job in the store, with its triggers as they are now.</summary>
    public Task<IReadOnlyList<ScheduledTask>> ReadAsync(CancellationToken cancellationToken) =>
        TaskJobStore.ReadAsync(_scheduler, GroupMatcher<JobKey>.GroupEquals(TaskKeys.Group), cancellationToken);

    /// <summary>Applies a task plan: creates and replaces jobs with their triggers, deletes removed ones. No-ops write nothing.</summary>
    public async Task ApplyAsync(TaskPlan plan, string? revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var change in plan.Changes)
        {
            switch (change.Action)
            {
                case ChangeAction.Create or ChangeAction.Update or ChangeAction.Replace:
                    await ScheduleAsync(change.Desired!, revision, cancellationToken);
                    LogScheduled(change.Task, change.Action);
                    break;
                case ChangeAction.Delete:
                    // A run in progress is not interrupted: it ends (or meets its timeout) and is recorded.
                    await _scheduler.DeleteJob(TaskKeys.Job(change.Task), cancellationToken);
                    LogUnscheduled(change.Task);
                    break;
            }
        }
        await RefreshAsync(cancellationToken);
    }

    /// <summary>Tasks paused on this host by a person; folded into the desired tasks when planning.</summary>
    public ITaskSuspensions? Suspensions { get; set; }

    /// <summary>The host's tasks as the latest plan desired them (local suspensions folded in); null before the first plan.</summary>
    public IReadOnlyDictionary<string, TaskSpec>? LastDesired { get; private set; }

    /// <summary>The job store's tasks as last read (by a plan, after an apply, or by <see cref="RefreshAsync"/>).</summary>
    public IReadOnlyList<ScheduledTask> LastScheduled { get; private set; } = [];

    /// <summary>Reads the job store again into <see cref="LastScheduled"/> (next fire times move with every fire).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken) => LastScheduled = await ReadAsync(cancellationToken);

    public async Task<TaskPlan> PlanAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var local = Suspensions?.GetTaskSuspensions().Select(s => s.Task).ToHashSet(StringComparer.Ordinal) ?? [];
        // Fleet tasks (runOn) live in the fleet's clustered store, not in this host's.
        var tasks = TaskLocalSuspension.Apply(HostTasks(desired.Tasks), local);
        var scheduled = await ReadAsync(cancellationToken);
        var plan = TaskPlanner.Plan(tasks, scheduled);
        LastDesired = tasks;
        LastScheduled = scheduled;
        return plan;
    }

    /// <summary>Fires the task now, outside its schedule. False when no such task is scheduled.</summary>
    public Task<bool> RunNowAsync(string task, CancellationToken cancellationToken) => RunNowAsync(task, null, cancellationToken);

    /// <summary>Fires the task now for a person's request (<paramref name="requestId"/> follows it into the recorded run).</summary>
    public async Task<bool> RunNowAsync(string task, string? requestId, CancellationToken cancellationToken)
    {
        var key = TaskKeys.Job(task);
        if (await _scheduler.GetJobDetail(key, cancellationToken) is null)
        {
            return false;
        }
        var data = new JobDataMap { [TaskKeys.ManualData] = "true" };
        if (requestId is not null)
        {
            data[TaskKeys.RequestData] = requestId;
        }
        await _scheduler.TriggerJob(key, data, cancellationToken);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _scheduler.Shutdown(waitForJobsToComplete: false);
        }
    }

    private Task ScheduleAsync(TaskSpec spec, string? revision, CancellationToken cancellationToken) =>
        TaskJobStore.ScheduleAsync<TaskJob>(_scheduler, TaskKeys.Job(spec.Name), i => TaskKeys.Trigger(spec.Name, i), spec, revision, null, cancellationToken);

    /// <summary>The tasks each targeted host runs itself: all but the fleet tasks.</summary>
    public static IReadOnlyDictionary<string, TaskSpec> HostTasks(IReadOnlyDictionary<string, TaskSpec> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return tasks.Values.Any(t => t.RunOn is not null)
            ? tasks.Where(t => t.Value.RunOn is null).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)
            : tasks;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {Task} scheduled ({Action})")]
    private partial void LogScheduled(string task, ChangeAction action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {Task} unscheduled; its history is kept")]
    private partial void LogUnscheduled(string task);
}
