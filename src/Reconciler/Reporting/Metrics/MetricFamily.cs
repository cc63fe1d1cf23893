using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>
/// A named metric with its help text and label names, holding one series per distinct set of label values.
/// Series are created on first use and live as long as the family, unless removed or replaced.
/// </summary>
public abstract partial class MetricFamily<TSeries>
    where TSeries : class
{
    private readonly ConcurrentDictionary<string, (string[] Values, TSeries Series)> _series = new(StringComparer.Ordinal);

    protected MetricFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames)
    {
        if (!MetricName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name", nameof(name));
        }
        foreach (var label in labelNames)
        {
            if (!LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal) || label == "le")
            {
                throw new ArgumentException($"'{label}' is not a valid label name for {name}", nameof(labelNames));
            }
        }
        Name = name;
        Help = help;
        Type = type;
        LabelNames = [.. labelNames];
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>The series for these label values (one per label name, in order), created if new.</summary>
    public TSeries WithLabels(params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return _series.GetOrAdd(Key(values), _ => ([.. values], NewSeries())).Series;
    }

    /// <summary>Forgets one series, e.g. a stack that is gone.</summary>
    public bool Remove(params string[] values) => _series.TryRemove(Key(values), out _);

    /// <summary>Forgets every series.</summary>
    public void Clear() => _series.Clear();

    protected abstract TSeries NewSeries();

    internal IEnumerable<(string[] Values, TSeries Series)> Series() =>
        _series.Values.OrderBy(s => string.Join("\u0000", s.Values), StringComparer.Ordinal);

    internal IReadOnlyList<KeyValuePair<string, string>> Labels(string[] values) =>
        LabelNames.Select((name, i) => KeyValuePair.Create(name, values[i])).ToList();

    internal abstract IEnumerable<MetricSample> Collect();

    private string Key(string[] values)
    {
        if (values.Length != LabelNames.Count)
        {
            throw new ArgumentException($"{Name} takes {LabelNames.Count} label values ({string.Join(", ", LabelNames)}), got {values.Length}", nameof(values));
        }
        foreach (var value in values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
        }
        return string.Join("\u0000", values);
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
