using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using Quartz;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The host's job store as the daemon's tasks kind, opened by the first pass that brings the host a task (or at start
/// by who knows the store holds jobs): the Quartz scheduler, its SQLite job store and its threads are a large share of
/// an idle daemon's memory, which a host without tasks need not pay. Until it is open, the plan is the one an empty
/// store gives (every task targeted at the host is created, which opens it first). Once open it stays open, also
/// after the last task is removed, and every call goes to it.
/// </summary>
public sealed class OnDemandTaskSchedule(Func<CancellationToken, Task<TaskSchedule>> open) : ITaskKind, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TaskSchedule? _opened;
    private IReadOnlyDictionary<string, TaskSpec>? _desired;
    private bool _closed;

    /// <summary>The scheduler once a pass (or the start) opened it; null while the host has had no task.</summary>
    public TaskSchedule? Opened => Volatile.Read(ref _opened);

    /// <summary>The host's tasks as the latest plan desired them; null before the first plan.</summary>
    public IReadOnlyDictionary<string, TaskSpec>? LastDesired => Opened is { } schedule ? schedule.LastDesired : _desired;

    /// <summary>The job store's tasks as last read; empty while it is not open.</summary>
    public IReadOnlyList<ScheduledTask> LastScheduled => Opened?.LastScheduled ?? [];

    /// <summary>Opens the scheduler now unless it is open already.</summary>
    public async Task<TaskSchedule> OpenAsync(CancellationToken cancellationToken)
    {
        if (Opened is { } opened)
        {
            return opened;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_closed)
            {
                throw new SchedulerException("the task scheduler has been stopped");
            }
            if (_opened is null)
            {
                Volatile.Write(ref _opened, await open(cancellationToken));
            }
            return _opened;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<TaskPlan> PlanAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (Opened is null)
        {
            var tasks = TaskSchedule.HostTasks(desired.Tasks);
            if (tasks.Count == 0)
            {
                _desired = tasks;
                return TaskPlanner.Plan(tasks, ValueList<ScheduledTask>.Empty);
            }
        }
        var schedule = await OpenAsync(cancellationToken);
        return await schedule.PlanAsync(desired, cancellationToken);
    }

    public async Task ApplyAsync(TaskPlan plan, string? revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.HasChanges && Opened is null)
        {
            return;
        }
        var schedule = await OpenAsync(cancellationToken);
        await schedule.ApplyAsync(plan, revision, cancellationToken);
    }

    /// <summary>Stops firing (when open) and waits for running tasks; nothing opens it afterwards.</summary>
    public async Task StopAsync(bool waitForRuns, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _closed = true;
            if (_opened is not null)
            {
                await _opened.StopAsync(waitForRuns, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _closed = true;
            if (_opened is not null)
            {
                await _opened.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
