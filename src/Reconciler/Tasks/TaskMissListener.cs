using System.Collections.Concurrent;
using Quartz;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// Hears the job store's misfires (fires due while the agent was down). A <c>runOnce</c> task's trigger then fires
/// once now (Quartz's FireAndProceed), and that fire is marked so the job applies the starting deadline; a
/// <c>skip</c> task's trigger does nothing (DoNothing), and the miss is recorded here.
/// </summary>
public sealed class TaskMissListener(TaskRunner runner) : ITriggerListener
{
    private readonly ConcurrentDictionary<TriggerKey, byte> _misfired = new();

    public string Name => "gitops-agent.task-misses";

    /// <summary>True once for a trigger that misfired and now fires to catch up.</summary>
    public bool TakeMisfire(TriggerKey key) => _misfired.TryRemove(key, out _);

    public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (trigger.Key.Group != TaskKeys.Group)
        {
            return ValueTask.CompletedTask;
        }
        if (trigger is ICronTrigger { MisfireInstruction: CronTriggerMisfireInstruction.DoNothing })
        {
            runner.RecordMissed(trigger.JobKey.Name, trigger.NextFireTimeUtc ?? DateTimeOffset.MinValue, "missed while the agent was down (missed: skip)");
        }
        else
        {
            _misfired[trigger.Key] = 0;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask TriggerSkipped(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask TriggerRetriesExhausted(ITrigger trigger, IJobExecutionContext context, JobExecutionException exception, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
