using GitOps.Reconciler.Actual.Events;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.SelfHeal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// Makes hand changes visible within seconds: Docker events of this agent's containers (and of its stacks' networks)
/// wake the drift monitor, which probes and plans the revision the host runs (nothing applied; the containers an
/// event may have changed are inspected), refreshes the report and metrics, and asks the loop for a corrective
/// reconcile when self-heal allows it. Every <c>driftInterval</c> a full drift read inspects every managed container.
/// The poll still checks drift on every pass. The monitor comes from the composition root (<see cref="AgentServices"/>).
/// </summary>
public sealed class DriftWatchService(DriftMonitor monitor, IDockerSystem events, ILogger<DockerEventWatcher> watcherLogger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watcher = monitor.WatchEvents(events, new DockerEventWatcherOptions(), watcherLogger);
        return Task.WhenAll(monitor.RunAsync(stoppingToken), watcher.RunAsync(stoppingToken));
    }
}
