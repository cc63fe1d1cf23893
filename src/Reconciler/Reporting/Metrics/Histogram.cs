namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>A histogram family with fixed bucket bounds (ascending, finite; +Inf is implied).</summary>
public sealed class Histogram : MetricFamily<HistogramSeries>
{
    private readonly double[] _bounds;

    internal Histogram(string name, string help, IReadOnlyList<double> bounds, IReadOnlyList<string> labelNames)
        : base(name, help, MetricType.Histogram, labelNames)
    {
        if (bounds.Count == 0 || bounds.Any(b => !double.IsFinite(b)) || bounds.Zip(bounds.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException("histogram bounds must be finite and strictly ascending", nameof(bounds));
        }
        _bounds = [.. bounds];
        if (labelNames.Count == 0)
        {
            WithLabels();
        }
    }

    public IReadOnlyList<double> Bounds => _bounds;

    public void Observe(double value) => WithLabels().Observe(value);

    protected override HistogramSeries NewSeries() => new(_bounds);

    internal override IEnumerable<MetricSample> Collect()
    {
        foreach (var (values, series) in Series())
        {
            var labels = Labels(values);
            var (buckets, sum, count) = series.Snapshot();
            foreach (var (bound, cumulative) in buckets)
            {
                yield return new MetricSample(Name + "_bucket", [.. labels, KeyValuePair.Create("le", PrometheusText.Number(bound))], cumulative);
            }
            yield return new MetricSample(Name + "_bucket", [.. labels, KeyValuePair.Create("le", "+Inf")], count);
            yield return new MetricSample(Name + "_sum", labels, sum);
            yield return new MetricSample(Name + "_count", labels, count);
        }
    }
}
