namespace GitOps.Reconciler.Tests.Reporting.Metrics;

internal sealed record ExpositionSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels[name];
}
