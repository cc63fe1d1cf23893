namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>A counter family. Without labels it has exactly one series, shown as 0 before the first increment.</summary>
public sealed class Counter : MetricFamily<CounterSeries>
{
    internal Counter(string name, string help, IReadOnlyList<string> labelNames)
        : base(name, help, MetricType.Counter, labelNames)
    {
        if (labelNames.Count == 0)
        {
            WithLabels();
        }
    }

    public void Inc(double amount = 1) => WithLabels().Inc(amount);

    protected override CounterSeries NewSeries() => new();

    internal override IEnumerable<MetricSample> Collect() =>
        Series().Select(s => new MetricSample(Name, Labels(s.Values), s.Series.Value));
}
