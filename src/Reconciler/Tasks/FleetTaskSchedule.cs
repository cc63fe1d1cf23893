using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The fleet tasks' scheduler on this host: a node of one Quartz cluster (scheduler <see cref="FleetTaskKeys.SchedulerName"/>,
/// instance id the host's name) on the clustered ADO.NET job store in the fleet's PostgreSQL. Quartz makes sure each
/// occurrence fires on exactly one node, and recovers a dead node's fires on another; the execution groups the node
/// serves are the host's groups, so a task of group G fires only on the hosts of G. The node starts at the first
/// pass, when the host's groups are known, and is built again when they change.
/// </summary>
public sealed partial class FleetTaskSchedule(FleetTaskScheduleOptions options, TaskRunner runner, IFleetTaskRuns? runs, TimeProvider time, ILoggerFactory loggers)
    : ITaskKind, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<FleetTaskSchedule>();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IScheduler? _scheduler;
    private IReadOnlyList<string> _served = [];

    /// <summary>The host's fleet tasks as the latest plan desired them; null before the first plan.</summary>
    public IReadOnlyDictionary<string, TaskSpec>? LastDesired { get; private set; }

    /// <summary>The fleet store's tasks of the host's groups as last read.</summary>
    public IReadOnlyList<ScheduledTask> LastScheduled { get; private set; } = [];

    /// <summary>The host's groups as of the latest plan.</summary>
    public IReadOnlyCollection<string> LastGroups { get; private set; } = [];

    /// <summary>The execution groups the running node serves (empty before it starts).</summary>
    public IReadOnlyList<string> Served => _served;

    public IFleetTaskRuns? Runs => runs;

    /// <summary>The latest fire of each fleet task as last read from the fleet store (empty when it could not be).</summary>
    public IReadOnlyDictionary<string, FleetTaskRun> LatestFires { get; private set; } = new Dictionary<string, FleetTaskRun>();

    /// <summary>Brings the fleet store's schema up to date before the node starts (Quartz checks its tables then).</summary>
    public Func<CancellationToken, Task>? PrepareStore { get; init; }

    /// <summary>Starts this host's node, serving the execution groups of <paramref name="groups"/>; rebuilt when they changed.</summary>
    public async Task StartAsync(IReadOnlyCollection<string> groups, CancellationToken cancellationToken)
    {
        var served = FleetTaskKeys.Served(groups);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_scheduler is not null && served.SequenceEqual(_served, StringComparer.Ordinal))
            {
                return;
            }
            if (_scheduler is not null)
            {
                // Fires already running go on; the node's served groups are fixed when it is built.
                await _scheduler.Shutdown(waitForJobsToComplete: false, cancellationToken);
                LogGroupsChanged(string.Join(", ", served));
            }
            if (PrepareStore is not null)
            {
                await PrepareStore(cancellationToken);
            }
            _scheduler = await BuildAsync(served, cancellationToken);
            await _scheduler.Start(cancellationToken);
            _served = served;
            LogStarted(options.Host, string.Join(", ", served));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops this node: its fires go to the other hosts of their groups.</summary>
    public async Task StopAsync(bool waitForRuns, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_scheduler is { } scheduler)
            {
                _scheduler = null;
                _served = [];
                // Quartz retries an unreachable store while it shuts down: the caller's deadline bounds the wait.
                await scheduler.Shutdown(waitForRuns, cancellationToken).AsTask().WaitAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<TaskPlan> PlanAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var fleet = desired.Tasks.Where(t => t.Value.RunOn is not null).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        if (fleet.Count == 0 && _scheduler is null && !await StoreHoldsJobsForAsync(desired, cancellationToken))
        {
            // No fleet task for this host, none in the store to remove, and no node yet: nothing to join the cluster for.
            LastDesired = fleet;
            LastGroups = desired.Groups;
            return TaskPlan.Empty;
        }
        await StartAsync(desired.Groups, cancellationToken);
        var scheduled = await ReadAsync(cancellationToken);
        LastDesired = fleet;
        LastGroups = desired.Groups;
        LastScheduled = scheduled;
        await ReadFiresAsync(cancellationToken);
        return FleetTaskPlanner.Plan(fleet, scheduled, desired.Groups, desired.Policy.Groups);
    }

    // A host with no fleet task joins only to remove jobs that are its concern (a task deleted from git, a group removed).
    // A store that cannot be read is no reason to join: the next pass asks again.
    private async Task<bool> StoreHoldsJobsForAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        if (runs is null)
        {
            return false;
        }
        try
        {
            var groups = await runs.ScheduledGroupsAsync(cancellationToken);
            return groups.Any(g => FleetTaskPlanner.Concerns(g, desired.Groups, desired.Policy.Groups));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Writes the fleet task plan. Every host of a group plans the same changes; replacing a job with the same definition is harmless.</summary>
    public async Task ApplyAsync(TaskPlan plan, string? revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var scheduler = _scheduler ?? throw new InvalidOperationException("the fleet task scheduler is not started");
        foreach (var change in plan.Changes.Where(c => c.RunOn is not null))
        {
            var task = FleetTaskPlanner.TaskOf(change);
            var runOn = change.RunOn!;
            switch (change.Action)
            {
                case ChangeAction.Create or ChangeAction.Update or ChangeAction.Replace:
                    await ScheduleAsync(scheduler, task, runOn, change.Desired!, revision, cancellationToken);
                    LogScheduled(change.Task, change.Action);
                    break;
                case ChangeAction.Delete:
                    await scheduler.DeleteJob(FleetTaskKeys.Job(task, runOn), cancellationToken);
                    LogUnscheduled(change.Task);
                    break;
            }
        }
        await RefreshAsync(cancellationToken);
    }

    // `forbid` holds across the cluster: Quartz blocks a non-concurrent job's triggers while any node runs it.
    private static Task ScheduleAsync(IScheduler scheduler, string task, string runOn, TaskSpec spec, string? revision, CancellationToken cancellationToken) =>
        spec.Concurrency == TaskConcurrency.Forbid
            ? TaskJobStore.ScheduleAsync<SerialFleetTaskJob>(
                scheduler, FleetTaskKeys.Job(task, runOn), i => FleetTaskKeys.Trigger(task, runOn, i), spec, revision, FleetTaskKeys.ExecutionGroup(runOn), cancellationToken)
            : TaskJobStore.ScheduleAsync<FleetTaskJob>(
                scheduler, FleetTaskKeys.Job(task, runOn), i => FleetTaskKeys.Trigger(task, runOn, i), spec, revision, FleetTaskKeys.ExecutionGroup(runOn), cancellationToken);

    /// <summary>The fleet store's task jobs of every group, their <see cref="TaskSpec.RunOn"/> read from the job group.</summary>
    public async Task<IReadOnlyList<ScheduledTask>> ReadAsync(CancellationToken cancellationToken)
    {
        var scheduler = _scheduler ?? throw new InvalidOperationException("the fleet task scheduler is not started");
        return await TaskJobStore.ReadAsync(scheduler, GroupMatcher<JobKey>.GroupStartsWith(FleetTaskKeys.GroupPrefix), cancellationToken);
    }

    /// <summary>Reads the fleet store again into <see cref="LastScheduled"/>; nothing when the node is not started.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not null)
        {
            LastScheduled = await ReadAsync(cancellationToken);
            await ReadFiresAsync(cancellationToken);
        }
    }

    // Which host fired last is for the report only: a failed read keeps the last one seen.
    private async Task ReadFiresAsync(CancellationToken cancellationToken)
    {
        if (runs is null)
        {
            return;
        }
        try
        {
            LatestFires = await runs.LatestAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            LogFiresFailed(ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_scheduler is { } scheduler)
        {
            _scheduler = null;
            await scheduler.Shutdown(waitForJobsToComplete: false);
        }
        _gate.Dispose();
    }

    private async Task<IScheduler> BuildAsync(IReadOnlyList<string> served, CancellationToken cancellationToken)
    {
        var scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.Services.AddSingleton(loggers);
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = FleetTaskKeys.SchedulerName;
                s.InstanceId = options.Host;
                s.IdleWaitTime = options.IdleWaitTime;
            });
            q.ServeExecutionGroups([.. served]);
            q.UseTimeProvider(time);
            q.UseDefaultThreadPool(options.MaxConcurrentRuns);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(Npgsql.NpgsqlFactory.Instance, options.ConnectionString);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = options.CheckinInterval;
                    c.CheckinMisfireThreshold = options.CheckinMisfireThreshold;
                });
                store.ConfigureStore(o =>
                {
                    // The tables are the fleet store's migration 3; Quartz only checks them.
                    o.TablePrefix = Fleet.FleetTaskTables.TablePrefix;
                    o.SchemaProvisioning = SchemaProvisioning.Validate;
                    o.MisfireThreshold = options.MisfireThreshold;
                    o.StoreJobDataAsStrings = true;
                });
            });
        }).BuildScheduler(cancellationToken);
        var misses = new TaskMissListener(runner);
        scheduler.Context[TaskJob.RunnerContextKey] = runner;
        scheduler.Context[TaskJob.MissesContextKey] = misses;
        scheduler.Context[FleetTaskJob.HostContextKey] = options.Host;
        scheduler.Context[FleetTaskJob.LoggerContextKey] = _logger;
        if (runs is not null)
        {
            scheduler.Context[FleetTaskJob.RunsContextKey] = runs;
        }
        scheduler.ListenerManager.AddTriggerListener(misses, [GroupMatcher<TriggerKey>.GroupStartsWith(FleetTaskKeys.GroupPrefix)]);
        return scheduler;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet tasks: node {Host} joined the cluster, serving {Groups}")]
    private partial void LogStarted(string host, string groups);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet tasks: the host's groups changed, the node is built again to serve {Groups}")]
    private partial void LogGroupsChanged(string groups);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet task {Task} scheduled ({Action})")]
    private partial void LogScheduled(string task, ChangeAction action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the fires of fleet tasks failed: {Reason}")]
    private partial void LogFiresFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet task {Task} unscheduled")]
    private partial void LogUnscheduled(string task);
}
