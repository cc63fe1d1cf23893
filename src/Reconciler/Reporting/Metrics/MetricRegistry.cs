namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>
/// The metric families of one process, in registration order. Thread-safe: series may be updated from any
/// thread while <see cref="PrometheusText"/> renders them. A name is registered once.
/// </summary>
public sealed class MetricRegistry
{
    private readonly Lock _lock = new();
    private readonly List<(string Name, string Help, MetricType Type, Func<IEnumerable<MetricSample>> Collect)> _families = [];

    public Counter Counter(string name, string help, params string[] labelNames) =>
        Register(new Counter(name, help, labelNames));

    public Gauge Gauge(string name, string help, params string[] labelNames) =>
        Register(new Gauge(name, help, labelNames));

    public Histogram Histogram(string name, string help, IReadOnlyList<double> bounds, params string[] labelNames) =>
        Register(new Histogram(name, help, bounds, labelNames));

    internal IReadOnlyList<(string Name, string Help, MetricType Type, Func<IEnumerable<MetricSample>> Collect)> Families()
    {
        lock (_lock)
        {
            return [.. _families];
        }
    }

    private TFamily Register<TFamily, TSeries>(TFamily family)
        where TFamily : MetricFamily<TSeries>
        where TSeries : class
    {
        lock (_lock)
        {
            if (_families.Any(f => f.Name == family.Name))
            {
                throw new ArgumentException($"metric {family.Name} is already registered", nameof(family));
            }
            _families.Add((family.Name, family.Help, family.Type, family.Collect));
        }
        return family;
    }

    private Counter Register(Counter family) => Register<Counter, CounterSeries>(family);

    private Gauge Register(Gauge family) => Register<Gauge, GaugeSeries>(family);

    private Histogram Register(Histogram family) => Register<Histogram, HistogramSeries>(family);
}
