using GitOps.Reconciler.Lease;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// Renews the owner lease between passes (a long apply or a long poll interval must not let it expire) and releases
/// it on a clean stop, so another agent for the same owner need not wait out the time to live.
/// </summary>
public sealed partial class OwnerLeaseService(OwnerLease lease, TimeProvider time, ILogger<OwnerLeaseService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(lease.RenewInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var state = await lease.EnsureAsync(stoppingToken);
                if (!state.Held)
                {
                    LogNotHeld(state.Reason!);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await lease.ReleaseAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or Docker.DotNet.DockerApiException or OperationCanceledException)
        {
            LogReleaseFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease not held: {Reason}")]
    private partial void LogNotHeld(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the owner lease ({Reason}); it expires by itself")]
    private partial void LogReleaseFailed(string reason);
}
