namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>One line of the exposition: a sample name (the family's, or with a histogram suffix), its labels and value.</summary>
internal sealed record MetricSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
