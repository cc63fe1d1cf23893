using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// Runs Quartz for the reconcile loop: one durable <see cref="ReconcileJob"/> and at most one pending trigger
/// for it. Requests through the <see cref="Reconciler.Reconciliation.IReconcileTrigger"/> replace the pending
/// trigger with one that fires now; a request during a pass is taken when the pass ends.
/// </summary>
public sealed partial class ReconcileScheduler(ISchedulerFactory factory, ReconcileLoop loop, TimeProvider time, ILogger<ReconcileScheduler> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IScheduler? _scheduler;
    private TriggerKey? _pending;

    public ReconcileLoop Loop => loop;

    public bool Stopping { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _scheduler = await factory.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ReconcileJob>().WithIdentity(ReconcileJob.Key).StoreDurably().Build();
        await _scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        loop.Trigger.OnRequested(reason => _ = WakeAsync(reason));
        await _scheduler.Start(cancellationToken);
        await ScheduleAsync(TimeSpan.Zero, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Stopping = true;
        if (_scheduler is null)
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        _gate.Release();
        await _scheduler.Interrupt(ReconcileJob.Key, cancellationToken);
        await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }

    /// <summary>Replaces the pending trigger with one firing after <paramref name="delay"/>.</summary>
    public async Task ScheduleAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (_scheduler is not { } scheduler || Stopping)
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Stopping)
            {
                return;
            }
            if (_pending is { } previous)
            {
                await scheduler.UnscheduleJob(previous, cancellationToken);
            }
            var at = time.GetUtcNow() + delay;
            var trigger = TriggerBuilder.Create().ForJob(ReconcileJob.Key).StartAt(at).Build();
            _pending = trigger.Key;
            await scheduler.ScheduleJob(trigger, default, cancellationToken);
            LogNext(at);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task WakeAsync(string reason)
    {
        try
        {
            LogRequested(reason);
            await ScheduleAsync(TimeSpan.Zero, CancellationToken.None);
        }
        catch (SchedulerException ex)
        {
            LogWakeFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Next reconcile at {At}")]
    private partial void LogNext(DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile requested: {Reason}")]
    private partial void LogRequested(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not schedule a requested reconcile")]
    private partial void LogWakeFailed(Exception exception);
}
