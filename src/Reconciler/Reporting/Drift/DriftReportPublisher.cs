using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// The one place a new drift report goes out: built against the previous one, saved (<c>drift</c>, <c>/status</c>),
/// then handed to the subscribers in order (the metrics, then notifications, which compare it with the previous
/// one). One at a time, so the daemon's pass and an event-driven refresh never interleave and every transition is
/// seen exactly once. The subscribers depend on the report, never the other way round.
/// </summary>
/// <param name="subscribers">Told of each report in this order; null entries (a surface not configured) are skipped.</param>
public sealed class DriftReportPublisher(DriftReportStore store, params IEnumerable<IDriftReportSubscriber?> subscribers)
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<IDriftReportSubscriber> _subscribers = [.. subscribers.OfType<IDriftReportSubscriber>()];

    public DriftReportStore Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The tasks section, where a scheduler runs (the daemon): set on every report published; else the report keeps its own.</summary>
    public Func<ValueList<DriftTask>?>? TaskSection { get; set; }

    /// <summary>
    /// A step of the daemon's pass under way outside its apply (a pull for a new revision, a slow git call); null when
    /// none. Every report published meanwhile (an event-driven refresh, a self-heal) says <c>converging</c> with it,
    /// unless the revision is stalled, so <c>/status</c> shows what is slow however many reports go out.
    /// </summary>
    public DriftStep? Ongoing
    {
        get => Volatile.Read(ref _ongoing);
        set => Volatile.Write(ref _ongoing, value);
    }

    private DriftStep? _ongoing;

    /// <summary>Standing warnings about the host's configuration, set on every report published (null: none).</summary>
    public ValueList<string>? Warnings { get; init; }

    /// <summary>Builds the report from the previous one (for <c>since</c> times and causes) and publishes it.</summary>
    public DriftReport Publish(Func<DriftReport?, DriftReport> build, ReconcileOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(build);
        lock (_gate)
        {
            var previous = Store.Latest;
            var report = build(previous);
            if (Ongoing is { } step)
            {
                report = report with { Status = report.Status == ReportStatus.Stalled ? ReportStatus.Stalled : ReportStatus.Converging, Step = step };
            }
            if (TaskSection?.Invoke() is { } tasks)
            {
                report = report with { Tasks = tasks };
            }
            if (Warnings is not null)
            {
                report = report with { Warnings = Warnings };
            }
            Store.Save(report);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Published(previous, report, outcome);
            }
            return report;
        }
    }
}
