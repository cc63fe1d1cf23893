using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Daemon.Http;

/// <summary>
/// What <c>/readyz</c> asks: did the last reconcile not fail, and does the engine answer. Each is a function so the
/// host decides what "failed" means; <see cref="For"/> gives the usual answer.
/// </summary>
public sealed record ReadinessChecks(
    Func<CancellationToken, Task<bool>> LastReconcileSucceeded,
    Func<CancellationToken, Task<bool>> EngineAnswers)
{
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
