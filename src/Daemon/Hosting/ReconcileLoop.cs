using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// What the scheduled job runs: one daemon pass, then the delay until the next (the interval with jitter, or
/// backoff after failures, or at once when a request arrived meanwhile). While the pass prepares (git calls, the pull
/// stage of a new revision), self-heal corrections are served in between. Cancelled by the host's stopping token,
/// so SIGTERM abandons the current step instead of waiting for it.
/// </summary>
public sealed partial class ReconcileLoop(
    ReconcileCycle cycle,
    CoalescingReconcileTrigger trigger,
    AgentConfig config,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ReconcileLoop> logger)
{
    /// <summary>How the drift monitor's corrections name themselves (see <see cref="Reconciler.SelfHeal.DriftMonitor"/>).</summary>
    public const string SelfHealReasonPrefix = CoalescingReconcileTrigger.SelfHealPrefix;

    private int _crashes;
    private int _running;

    public CoalescingReconcileTrigger Trigger => trigger;

    /// <summary>True while a pass runs: event-driven drift refreshes wait for it.</summary>
    public bool IsRunning => Volatile.Read(ref _running) == 1;

    /// <summary>True while the running pass plans or applies on the host (not during its git calls).</summary>
    public bool IsConverging => cycle.IsConverging;

    /// <summary>Runs one pass; returns the delay before the next, or null when the agent is stopping.</summary>
    public async Task<TimeSpan?> RunOnceAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _running, 1);
        try
        {
            return await PassAsync(cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task<TimeSpan?> PassAsync(CancellationToken cancellationToken)
    {
        var request = trigger.Take();
        var reason = request == ReconcileRequest.None ? "poll" : trigger.LastReason ?? "request";
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            LogStarting(reason);
            ReconcileResult result;
            if (request == ReconcileRequest.Heal)
            {
                // A correction asked for by the drift monitor heals from the last good revision without waiting on git.
                result = await cycle.HealAsync(linked.Token);
            }
            else
            {
                var preparing = cycle.PrepareAsync(request == ReconcileRequest.Pass, linked.Token);
                await HealWhilePreparingAsync(preparing, linked.Token);
                result = await cycle.CompleteAsync(await preparing, linked.Token);
            }
            _crashes = 0;
            LogFinished(result.Status, result.Revision, result.Duration, result.Error);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            LogAbandoned();
            return null;
        }
        // Whatever a pass throws, the loop must go on: log it and back off.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _crashes++;
            LogPassFailed(ex);
        }
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return null;
        }
        if (trigger.IsPending)
        {
            return TimeSpan.Zero;
        }
        // Polls slow down only while git (or the pass itself) fails; a failed revision's retry comes at its own time.
        var next = PollDelay.Next(config, cycle.SourceFailures + _crashes, Random.Shared.NextDouble());
        return cycle.RetryAt is { } retryAt && retryAt - time.GetUtcNow() < next
            ? TimeSpan.FromTicks(Math.Max(0, (retryAt - time.GetUtcNow()).Ticks))
            : next;
    }

    /// <summary>
    /// While the pass waits on git or pulls images for a new revision, each self-heal correction converges the last good
    /// revision at once (one apply at a time: the preparation changes nothing on the host). When the host may not be at
    /// the last good revision (nothing converged yet in this process), the correction stays pending for after the pass.
    /// </summary>
    private async Task HealWhilePreparingAsync(Task preparing, CancellationToken cancellationToken)
    {
        while (!preparing.IsCompleted)
        {
            await Task.WhenAny(preparing, trigger.HealRequested.WaitAsync(cancellationToken));
            if (preparing.IsCompleted || !cycle.CanHealWhilePreparing)
            {
                return;
            }
            trigger.TakeHeal();
            LogHealWhilePreparing();
            try
            {
                var healed = await cycle.HealWhilePreparingAsync(cancellationToken);
                LogFinished(healed.Status, healed.Revision, healed.Duration, healed.Error);
            }
            // The pass being prepared still ends as usual; a failed correction is retried by the next request or poll.
            catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
            {
                LogPassFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Self-heal of the last good revision while the pass waits on git or a pull")]
    private partial void LogHealWhilePreparing();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconcile starting ({Reason})")]
    private partial void LogStarting(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile ended {Status} at {Revision} in {Duration}: {Error}")]
    private partial void LogFinished(ReconcileStatus status, string? revision, TimeSpan duration, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile abandoned: the agent is stopping")]
    private partial void LogAbandoned();

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile failed unexpectedly; backing off")]
    private partial void LogPassFailed(Exception exception);
}
