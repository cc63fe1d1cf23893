using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// The reconcile loop of the daemon: one pass at a time (<see cref="ReconcileLoop"/>), then a wait for the delay the pass
/// chose or for a wake-up, whichever comes first. Requests through the trigger (webhook, drift monitor) wake it; a request
/// during a pass is taken when the pass ends (a self-heal correction while the pass waits on git or a pull is served by
/// <see cref="ReconcileLoop"/> at once), so a slow pass never piles runs up behind the timer. Started after the HTTP
/// endpoints bound their port, so a port in use stops the agent before any reconcile. Anything that escapes a pass
/// would leave no loop: it stops the agent (<see cref="AgentFailure"/>). Before a wait the heap is trimmed
/// (<see cref="IdleHeapTrim"/>).
/// </summary>
public sealed partial class ReconcileLoopService(
    ReconcileLoop loop, AgentFailure failure, TimeProvider time, IdleHeapTrim trim, ILogger<ReconcileLoopService> logger) : BackgroundService
{
    // One slot: wake-ups that arrive while one is waiting add nothing (the trigger coalesces requests itself).
    private readonly Channel<string> _wake = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        loop.Trigger.OnRequested(reason =>
        {
            LogRequested(reason);
            _wake.Writer.TryWrite(reason);
        });
        // Let the host go on starting the services after this one while the first pass runs.
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await loop.RunOnceAsync(stoppingToken) is not { } delay)
                {
                    return;
                }
                trim.BeforeWait(delay);
                await WaitAsync(delay, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
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

    /// <summary>Waits <paramref name="delay"/>, or less when a request arrives; a request already pending does not wait.</summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        // Wake-ups of requests the pass just took are stale; one that is still pending is in the trigger.
        while (_wake.Reader.TryRead(out _))
        {
        }
        if (delay <= TimeSpan.Zero || loop.Trigger.IsPending)
        {
            return;
        }
        LogNext(time.GetUtcNow() + delay);
        using var elapsed = new CancellationTokenSource(delay, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, elapsed.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (elapsed.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // The delay passed: time for the next poll.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Next reconcile at {At}")]
    private partial void LogNext(DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile requested: {Reason}")]
    private partial void LogRequested(string reason);
}
