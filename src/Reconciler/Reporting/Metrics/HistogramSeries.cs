namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>Observations counted into buckets by upper bound, with their sum and count; read as one consistent snapshot.</summary>
public sealed class HistogramSeries
{
    private readonly Lock _lock = new();
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;
    private long _count;

    internal HistogramSeries(double[] bounds)
    {
        _bounds = bounds;
        _counts = new long[bounds.Length];
    }

    public void Observe(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "cannot observe NaN");
        }
        lock (_lock)
        {
            var bucket = Array.FindIndex(_bounds, b => value <= b);
            if (bucket >= 0)
            {
                _counts[bucket]++;
            }
            _sum += value;
            _count++;
        }
    }

    /// <summary>Cumulative counts per bound (the exposition's <c>le</c> buckets, without +Inf), the sum and the count.</summary>
    public (IReadOnlyList<(double Bound, long Count)> Buckets, double Sum, long Count) Snapshot()
    {
        lock (_lock)
        {
            var cumulative = new List<(double, long)>(_bounds.Length);
            long running = 0;
            for (var i = 0; i < _bounds.Length; i++)
            {
                running += _counts[i];
                cumulative.Add((_bounds[i], running));
            }
            return (cumulative, _sum, _count);
        }
    }
}
