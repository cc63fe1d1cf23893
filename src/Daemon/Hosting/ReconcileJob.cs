using Quartz;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// The Quartz job behind the loop. Never two at once; after each pass it schedules the next at now + delay,
/// so a slow reconcile delays the next one instead of piling runs up behind the timer. Anything that escapes the
/// pass or the scheduling of the next one would leave no next run: it stops the agent (<see cref="AgentFailure"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReconcileJob(ReconcileScheduler scheduler, AgentFailure failure) : IJob
{
    public static readonly JobKey Key = new("reconcile", "gitops-agent");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var delay = await scheduler.Loop.RunOnceAsync(cancellationToken);
            if (delay is { } next && !cancellationToken.IsCancellationRequested)
            {
                await scheduler.ScheduleAsync(next, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The agent is stopping.
        }
#pragma warning disable CA1031 // Crash-only: whatever it is, the process must end rather than run without a loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure.Stop(ex);
        }
    }
}
