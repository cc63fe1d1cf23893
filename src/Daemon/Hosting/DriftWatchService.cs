using GitOps.Reconciler.Actual.Events;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.SelfHeal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// Makes hand changes visible within seconds: Docker events of this agent's containers (and of its stacks' networks)
/// wake the drift monitor, which probes and plans the revision the host runs (nothing applied; the containers an
/// event may have changed are inspected), refreshes the report and metrics, and asks the loop for a corrective
/// reconcile when self-heal allows it. Every <c>driftInterval</c> a full drift read inspects every managed container.
/// The poll still checks drift on every pass.
/// </summary>
public sealed class DriftWatchService(
    AgentPipeline pipeline,
    ReconcileLoop loop,
    IReconcileTrigger trigger,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var monitor = new DriftMonitor(
            PlanCurrentRevisionAsync, pipeline.Publisher, new SelfHealBackoff(time), trigger,
            new DriftMonitorOptions { FullReadInterval = pipeline.Config.DriftInterval }, time,
            loggers.CreateLogger<DriftMonitor>())
        {
            // Only a pass changing the host makes a refresh wait: its git calls (a hung server) never do.
            IsReconciling = () => loop.IsRunning && loop.IsConverging,
            Trust = pipeline.Trust,
            Crashes = pipeline.Crashes,
            Owner = pipeline.Config.Host,
        };
        var watcher = monitor.WatchEvents(pipeline.Events, new DockerEventWatcherOptions(), loggers.CreateLogger<DockerEventWatcher>());
        return Task.WhenAll(monitor.RunAsync(stoppingToken), watcher.RunAsync(stoppingToken));
    }

    /// <summary>The last good revision, planned against the engine; null before the first good reconcile.</summary>
    private async Task<CurrentPlan?> PlanCurrentRevisionAsync(CancellationToken cancellationToken)
    {
        if (pipeline.Cycle.LastGood is not { } good)
        {
            return null;
        }
        var planned = await pipeline.Reconciler.PlanAsync(
            new RepoDirectory(good.Tree.Directory), pipeline.Config.Host, good.Commit, fullDrift: false, cancellationToken);
        return planned.Plan is { } plan
            ? new CurrentPlan(plan, new DriftRevision(pipeline.Config.Repo.Ref.ToString(), good.Commit, good.Verified))
            : null;
    }
}
