using GitOps.Reconciler.Reporting.Notifications;
using Microsoft.Extensions.Hosting;

namespace GitOps.Daemon.Hosting;

/// <summary>Sends queued notifications in the background; a slow or failing receiver never blocks a reconcile.</summary>
public sealed class NotificationService(NotificationDispatcher dispatcher) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => dispatcher.RunAsync(stoppingToken);
}
