using Quartz;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The Quartz job of a fleet task whose <c>concurrency</c> is <c>forbid</c>: Quartz's non-concurrent job, whose
/// triggers stay blocked while a fire runs on any node of the cluster. A host that dies mid-run leaves them blocked
/// until the cluster's check-in finds it dead and another node recovers them.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SerialFleetTaskJob : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => FleetTaskJob.FireAsync(context, cancellationToken);
}
