using GitOps.Daemon.Http;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// Runs the scheduled-tasks kind in the daemon: hands the reconcile pass the host's job store (which it converges with
/// git), whose Quartz scheduler on SQLite in the state directory opens and starts firing at start when the store holds
/// jobs, else at the first pass that brings a task (<see cref="OnDemandTaskSchedule"/>). Registered before the
/// reconcile loop, so the first pass already converges tasks. Stopping waits for runs in progress,
/// each bounded by its timeout. Every recorded run goes to the metrics, completes a person's request, and
/// republishes the drift report's tasks section (which the notifications compare). With a fleet store, the fleet tasks
/// run beside them on the fleet's clustered job store (<see cref="FleetTaskSchedule"/>), joined at the first pass.
/// </summary>
public sealed partial class TaskScheduleService(
    AgentPipeline pipeline, TaskRunner runner, AgentMetrics metrics, TimeProvider time, ILoggerFactory loggers, ILogger<TaskScheduleService> logger,
    IFleetStore? fleetStore = null)
    : IHostedService, IAsyncDisposable, ITaskRunGateway
{
    private readonly TaskMetrics _metrics = new(metrics);
    private readonly TaskRunRequests _requests = new(time);
    private OnDemandTaskSchedule? _schedule;
    private FleetTaskSchedule? _fleet;

    /// <summary>The host's scheduler once open: at start for a store with jobs, else at the first pass that brings a task.</summary>
    public TaskSchedule? Schedule => _schedule?.Opened;

    /// <summary>The fleet tasks' node; null without a fleet store.</summary>
    public FleetTaskSchedule? Fleet => _fleet;

    public TaskRunner Runner => runner;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var config = pipeline.Config;
        runner.Recorded += OnRecorded;
        _schedule = new OnDemandTaskSchedule(OpenScheduleAsync);
        pipeline.Publisher.TaskSection = TaskSection;
        pipeline.Tasks.Schedule = _schedule;
        if (config.Fleet is { } fleet && fleetStore is PostgresFleetStore store)
        {
            var options = new FleetTaskScheduleOptions { ConnectionString = File.ReadAllText(fleet.ConnectionStringFile).Trim(), Host = config.Host };
            _fleet = new FleetTaskSchedule(options, runner, new PostgresFleetTaskRuns(store.DataSource), time, loggers) { PrepareStore = store.MigrateAsync };
            pipeline.Tasks.Schedule = new ScheduledTaskKinds(_schedule, _fleet, loggers.CreateLogger<ScheduledTaskKinds>());
        }
        if (StoreHoldsJobs(config.StateDir))
        {
            // Jobs to fire (misfires are handled at start) or to unschedule once git no longer has them: open now.
            await _schedule.OpenAsync(cancellationToken);
        }
        else
        {
            LogDeferred();
        }
    }

    // Opened by the first pass that brings a task, or at start for a store with jobs.
    private async Task<TaskSchedule> OpenScheduleAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(pipeline.Config.StateDir, TaskSchedule.FileName);
        var schedule = await TaskSchedule.OpenAsync(new TaskScheduleOptions { StateDirectory = pipeline.Config.StateDir }, runner, time, loggers, cancellationToken);
        try
        {
            schedule.Suspensions = (StateStore)pipeline.State;
            await schedule.StartAsync(cancellationToken);
        }
        catch
        {
            await schedule.DisposeAsync();
            throw;
        }
        LogStarted(path);
        return schedule;
    }

    // A store that cannot be read is opened as before, so Quartz reports what is wrong with it.
    private static bool StoreHoldsJobs(string stateDirectory)
    {
        try
        {
            return TaskStoreReader.Read(stateDirectory).Count > 0;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or System.Text.Json.JsonException or IOException)
        {
            return true;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        pipeline.Tasks.Schedule = null;
        if (_fleet is not null)
        {
            // Its next fires go to the other hosts of their groups.
            try
            {
                await _fleet.StopAsync(waitForRuns: true, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The fleet store unreachable at shutdown: the cluster recovers this node's fires once it stops checking in.
                LogFleetStopTimedOut();
            }
        }
        if (_schedule is not null)
        {
            await _schedule.StopAsync(waitForRuns: true, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }
        if (_schedule is not null)
        {
            await _schedule.DisposeAsync();
        }
    }

    public async Task<TaskRunAnswer> RequestRunAsync(string task, CancellationToken cancellationToken)
    {
        if (_schedule is null)
        {
            return new TaskRunAnswer(TaskRunVerdict.Unavailable, Reason: "the task scheduler is not running");
        }
        var schedule = _schedule.Opened;
        var scheduled = schedule is null ? null : (await schedule.ReadAsync(cancellationToken)).FirstOrDefault(t => t.Name == task);
        // A host with fleet tasks only has no host scheduler open: the fleet answer must not depend on it.
        if (scheduled is null && _fleet?.LastDesired?.GetValueOrDefault(task) is { RunOn: { } runOn })
        {
            // The cluster decides which host fires a fleet task, and a run elsewhere could not be followed from here.
            return new TaskRunAnswer(TaskRunVerdict.Refused, Reason:
                $"task '{task}' is a fleet task (runOn: {{oneOf: {runOn}}}): one host of '{runOn}' runs each occurrence, chosen by the cluster; it cannot be run now on request");
        }
        if (schedule is null || scheduled is null)
        {
            return new TaskRunAnswer(TaskRunVerdict.Unknown, Reason: $"no task '{task}' is scheduled on this host");
        }
        if (scheduled.Paused || scheduled.Spec.Suspended)
        {
            return new TaskRunAnswer(TaskRunVerdict.Refused, Reason: $"task '{task}' is suspended; resume it first");
        }
        if (scheduled.Spec.Concurrency == TaskConcurrency.Forbid && runner.RunningTasks.Contains(task))
        {
            return new TaskRunAnswer(TaskRunVerdict.Refused, Reason: $"task '{task}' is running and its concurrency is forbid");
        }
        var request = _requests.Add(task);
        if (!await schedule.RunNowAsync(task, request.Id, cancellationToken))
        {
            return new TaskRunAnswer(TaskRunVerdict.Unknown, Reason: $"no task '{task}' is scheduled on this host");
        }
        LogRequested(task, request.Id);
        return new TaskRunAnswer(TaskRunVerdict.Accepted, request);
    }

    public TaskRunRequest? GetRequest(string id) => _requests.Get(id);

    /// <summary>The report's tasks section from the latest plan, the store as last read, history and local suspensions.</summary>
    private ValueList<DriftTask>? TaskSection()
    {
        if (_schedule?.LastDesired is not { } desired)
        {
            return null;
        }
        try
        {
            var state = (StateStore)pipeline.State;
            var lastRuns = state.GetLastTaskRuns();
            var tasks = DriftTaskBuilder.Build(desired, _schedule.LastScheduled, lastRuns, state.GetTaskSuspensions());
            if (_fleet?.LastDesired is { } shared)
            {
                tasks = ValueList.From(tasks.Concat(FleetDriftTaskBuilder.Build(shared, _fleet.LastScheduled, _fleet.LastGroups, _fleet.LatestFires, lastRuns)));
            }
            _metrics.Report(tasks);
            return tasks;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or StateStoreException or InvalidOperationException)
        {
            // The stacks' report must go out even when history cannot be read: it then has no tasks section.
            LogSectionFailed(ex.Message);
            return null;
        }
    }

    private void OnRecorded(TaskRunRecord run)
    {
        _requests.Complete(run);
        _metrics.Run(run);
        _ = RepublishAsync();
    }

    // A run changes the tasks section (last outcome, next fire): publish the latest report again with it, so /status,
    // drift, the metrics and the notifications see the run without waiting for the next pass.
    private async Task RepublishAsync()
    {
        try
        {
            if (pipeline.Publisher.Store.Latest is null)
            {
                return;
            }
            // A fleet task's run republishes too on a host whose own scheduler never opened (no host tasks).
            if (_schedule?.Opened is { } schedule)
            {
                await schedule.RefreshAsync(CancellationToken.None);
            }
            if (_fleet is not null)
            {
                await _fleet.RefreshAsync(CancellationToken.None);
            }
            pipeline.Publisher.Publish(previous => previous!, outcome: null);
        }
        catch (Exception ex) when (ex is Quartz.SchedulerException or System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            LogRepublishFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled tasks run from the job store {Path}")]
    private partial void LogStarted(string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No tasks in the job store: the task scheduler opens when a pass brings one")]
    private partial void LogDeferred();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The fleet task scheduler did not stop within the shutdown time (is the fleet store reachable?); the other hosts of its groups take its fires over")]
    private partial void LogFleetStopTimedOut();

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {Task} run requested ({Request})")]
    private partial void LogRequested(string task, string request);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The report's tasks section could not be built: {Reason}")]
    private partial void LogSectionFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the report after a task run failed: {Reason}")]
    private partial void LogRepublishFailed(string reason);
}
