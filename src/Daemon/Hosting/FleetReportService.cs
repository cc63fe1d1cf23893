using GitOps.Reconciler.Fleet;
using Microsoft.Extensions.Hosting;

namespace GitOps.Daemon.Hosting;

/// <summary>Writes this host's reports to the fleet store in the background; a store that is down never delays a pass.</summary>
public sealed class FleetReportService(FleetReporter reporter) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => reporter.RunAsync(stoppingToken);
}
