namespace GitOps.Reconciler.Tests.Reporting.Metrics;

internal sealed class ExpositionFamily(string name)
{
    public string Name { get; } = name;

    public string? Help { get; set; }

    public string? Type { get; set; }

    public List<ExpositionSample> Samples { get; } = [];

    public double Value(params (string Name, string Value)[] labels) =>
        Assert.Single(Samples, s => s.Name == Name && labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value) && s.Labels.Count == labels.Length).Value;
}
