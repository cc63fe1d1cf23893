using Quartz;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// The Quartz job behind the loop. Never two at once; after each pass it schedules the next at now + delay,
/// so a slow reconcile delays the next one instead of piling runs up behind the timer.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReconcileJob(ReconcileScheduler scheduler) : IJob
{
    public static readonly JobKey Key = new("reconcile", "gitops-agent");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var delay = await scheduler.Loop.RunOnceAsync(cancellationToken);
        if (delay is { } next && !cancellationToken.IsCancellationRequested)
        {
            await scheduler.ScheduleAsync(next, cancellationToken);
        }
    }
}
