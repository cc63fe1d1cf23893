using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Reporting.Notifications;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// The one place a new drift report goes out: built against the previous one, saved (<c>drift</c>, <c>/status</c>),
/// recorded in the metrics, and compared with the previous one for notifications. One at a time, so the daemon's
/// pass and an event-driven refresh never interleave and every transition is seen exactly once.
/// </summary>
public sealed class DriftReportPublisher(DriftReportStore store, AgentMetrics? metrics = null, TransitionPublisher? notifications = null)
{
    private readonly Lock _gate = new();

    public DriftReportStore Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The tasks section, where a scheduler runs (the daemon): set on every report published; else the report keeps its own.</summary>
    public Func<ValueList<DriftTask>?>? TaskSection { get; set; }

    /// <summary>Builds the report from the previous one (for <c>since</c> times and causes) and publishes it.</summary>
    public DriftReport Publish(Func<DriftReport?, DriftReport> build, ReconcileOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(build);
        lock (_gate)
        {
            var previous = Store.Latest;
            var report = build(previous);
            if (TaskSection?.Invoke() is { } tasks)
            {
                report = report with { Tasks = tasks };
            }
            Store.Save(report);
            metrics?.Report(report);
            notifications?.Publish(previous, report, outcome);
            return report;
        }
    }
}
