using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Daemon.Sync;

/// <summary>
/// The Report stage of a <c>sync</c> of the configured repository: a pass run by a person is reported as the daemon
/// reports its own (saved for <c>drift</c> and, with a fleet store, written there). A store that cannot be written
/// within <see cref="StoreWait"/> is a warning, never a failed sync: the host converged all the same, and the daemon's
/// next pass reports it. <c>plan</c> changes nothing and reports nothing.
/// </summary>
public static class SyncReport
{
    public static readonly TimeSpan StoreWait = TimeSpan.FromSeconds(10);

    public static async Task ReportAsync(SyncTarget target, ReconcileResult result, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(error);
        // A plain directory has no agent behind it; a sync --host as another host must not speak for this one.
        if (target.Configured is not var (pipeline, pulled) || target.Host != pipeline.Config.Host)
        {
            return;
        }
        var plan = result.Plan;
        if (result.Applied is not null && result.Status is not ReconcileStatus.Unchanged)
        {
            // As the daemon's pass: the report shows the host after the apply, not the plan before it.
            plan = (await target.Reconciler.PlanAsync(target.Repo, target.Host, target.Revision, fullDrift: false, cancellationToken)).Plan ?? plan;
        }
        var previous = pipeline.Reports.Latest;
        var described = await pipeline.Source.DescribeAsync(pulled.Commit, cancellationToken);
        var commit = new DriftCommit(pulled.Commit, described?.Subject, described?.Author);
        var revisions = new ReportRevisions(result.Failed ? previous?.LastAppliedRevision : commit, commit, previous?.HistoryRewrite);
        // No scheduler runs here: the tasks section stays what the daemon's scheduler last said.
        pipeline.Publisher.TaskSection ??= () => previous?.Tasks;
        var stall = result.Status == ReconcileStatus.ValidationFailed ? ReconcileCycleReporter.StallOf(result).Stall : null;
        new ReconcileCycleReporter(pipeline.Publisher, pipeline.Config.Repo.Ref.ToString(), TimeProvider.System)
            .Report(new CyclePass(result, plan, pulled, result.Error, BackOff: false), stall, lastGood: null, result.Duration, revisions);
        if (pipeline.Fleet is { } fleet && !await WriteAsync(fleet, cancellationToken))
        {
            await error.WriteLineAsync($"warning: this pass's report did not reach the fleet store; the daemon's next pass reports host {target.Host}");
        }
    }

    private static async Task<bool> WriteAsync(Reconciler.Fleet.FleetReporter fleet, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(StoreWait);
        try
        {
            return await fleet.TryWriteAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
