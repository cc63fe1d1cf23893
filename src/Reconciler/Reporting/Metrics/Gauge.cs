namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>A gauge family. Without labels it has exactly one series, 0 until set.</summary>
public sealed class Gauge : MetricFamily<GaugeSeries>
{
    private readonly Lock _replace = new();

    internal Gauge(string name, string help, IReadOnlyList<string> labelNames)
        : base(name, help, MetricType.Gauge, labelNames)
    {
        if (labelNames.Count == 0)
        {
            WithLabels();
        }
    }

    public void Set(double value) => WithLabels().Set(value);

    /// <summary>
    /// Makes these the only series, e.g. resources by kind and status after a new report: series not listed
    /// disappear. Concurrent replacements do not interleave.
    /// </summary>
    public void ReplaceAll(IEnumerable<(string[] Labels, double Value)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var wanted = series.ToList();
        lock (_replace)
        {
            foreach (var (labels, value) in wanted)
            {
                WithLabels(labels).Set(value);
            }
            var keep = wanted.Select(w => string.Join("\u0000", w.Labels)).ToHashSet(StringComparer.Ordinal);
            foreach (var (values, _) in Series().ToList().Where(s => !keep.Contains(string.Join("\u0000", s.Values))))
            {
                Remove(values);
            }
        }
    }

    protected override GaugeSeries NewSeries() => new();

    internal override IEnumerable<MetricSample> Collect() =>
        Series().Select(s => new MetricSample(Name, Labels(s.Values), s.Series.Value));
}
