using Quartz;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The Quartz job of every task: reads the spec stored with the job and hands the fire to the <see cref="TaskRunner"/>
/// the scheduler was opened with (held in the scheduler's context, which lives only in this process).
/// </summary>
public sealed class TaskJob : IJob
{
    public const string RunnerContextKey = "gitops-agent.task-runner";
    public const string MissesContextKey = "gitops-agent.task-misses";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => FireAsync(context, cancellationToken);

    /// <summary>Runs the fire through the runner in the scheduler's context.</summary>
    internal static async ValueTask FireAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runner = (TaskRunner)context.Scheduler.Context[RunnerContextKey]!;
        var misses = (TaskMissListener)context.Scheduler.Context[MissesContextKey]!;
        var data = context.MergedJobDataMap;
        var spec = StoredTask.Read((string)data[TaskKeys.SpecData]!);
        var revision = data.TryGetValue(TaskKeys.RevisionData, out var r) ? r as string : null;
        var trigger = data.ContainsKey(TaskKeys.ManualData) ? TaskFire.Manual
            : misses.TakeMisfire(context.Trigger.Key) ? TaskFire.CatchUp
            : TaskFire.Scheduled;
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var request = data.TryGetValue(TaskKeys.RequestData, out var id) ? id as string : null;
        await runner.RunAsync(new TaskFire(spec, revision, scheduled, trigger) { RequestId = request }, cancellationToken);
    }
}
