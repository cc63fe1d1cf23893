namespace GitOps.Bench.FleetLoad;

/// <summary>One load run: its writes' latencies (milliseconds; NaN for a failed write) and how the generator kept up.</summary>
/// <param name="Late">Writes started more than 100 ms after their due time (the generator or the pool fell behind).</param>
internal sealed record LoadResult(double Compression, int Writes, TimeSpan Elapsed, double[] Latencies, int Failures, int Late)
{
    public double WritesPerSecond => Writes / Elapsed.TotalSeconds;

    public double Percentile(double p) => Percentiles.Of(Latencies.Where(l => !double.IsNaN(l)), p);
}
