using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Daemon.Http;

/// <summary>
/// What <c>/readyz</c> asks: did the last reconcile not fail, does the engine answer, and is no step of the running
/// pass stuck. Each is a function so the host decides what "failed" means; <see cref="For"/> gives the usual answer.
/// </summary>
public sealed record ReadinessChecks(
    Func<CancellationToken, Task<bool>> LastReconcileSucceeded,
    Func<CancellationToken, Task<bool>> EngineAnswers)
{
    /// <summary>The step of the running pass that has not moved on for too long, or null.</summary>
    public Func<DriftStep?> StuckStep { get; init; } = () => null;

    /// <summary>
    /// The usual answer, and not ready while the latest report's step has stayed the same for more than
    /// <paramref name="stuckAfter"/> (a pull that hangs, a health gate that never ends): the agent is not converging.
    /// </summary>
    public static ReadinessChecks For(DriftReportStore reports, IDockerSystem engine, TimeProvider time, TimeSpan stuckAfter)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(time);
        return For(reports, engine) with
        {
            StuckStep = () => reports.Latest?.Step is { } step && time.GetUtcNow() - step.Since > stuckAfter ? step : null,
        };
    }

    /// <summary>
    /// Ready once a report exists whose reconcile ended without an error and is not stalled, and the engine answers a ping.
    /// A service that was rolled back does not make the agent unready: the agent itself works and says so in the report.
    /// </summary>
    public static ReadinessChecks For(DriftReportStore reports, IDockerSystem engine)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(engine);
        return new ReadinessChecks(
            _ => Task.FromResult(reports.Latest is { LastError: null, Stalled: null }),
            engine.PingAsync);
    }
}
