using Microsoft.Extensions.Logging;
using Quartz;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The Quartz job of every fleet task: the cluster gave this host the fire, so it records that in the fleet store
/// (which host ran which occurrence, for every host's report) and runs the task here like any task. A record that
/// cannot be written does not hold the run back. A task whose <c>concurrency</c> is <c>forbid</c> runs as
/// <see cref="SerialFleetTaskJob"/> instead, so the cluster never starts a fire while one runs on any host.
/// </summary>
public sealed partial class FleetTaskJob : IJob
{
    public const string RunsContextKey = "gitops-agent.fleet-task-runs";
    public const string HostContextKey = "gitops-agent.fleet-host";
    public const string LoggerContextKey = "gitops-agent.fleet-logger";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => FireAsync(context, cancellationToken);

    /// <summary>Records the fire in the fleet store, then runs it through this host's runner.</summary>
    internal static async ValueTask FireAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runOn = FleetTaskKeys.RunOnOf(context.JobDetail.Key) ?? "";
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        if (context.Scheduler.Context.TryGetValue(RunsContextKey, out var found) && found is IFleetTaskRuns runs)
        {
            var host = (string)context.Scheduler.Context[HostContextKey]!;
            try
            {
                await runs.RecordAsync(new FleetTaskRun(runOn, context.JobDetail.Key.Name, scheduled, host), cancellationToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
            {
                if (context.Scheduler.Context.TryGetValue(LoggerContextKey, out var log) && log is ILogger logger)
                {
                    LogRecordFailed(logger, context.JobDetail.Key.Name, runOn, ex.Message);
                }
            }
        }
        await TaskJob.FireAsync(context, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the fire of fleet task {Task} ({RunOn}) in the fleet store failed: {Reason}")]
    private static partial void LogRecordFailed(ILogger logger, string task, string runOn, string reason);
}
