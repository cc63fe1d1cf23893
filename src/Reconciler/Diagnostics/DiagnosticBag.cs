namespace GitOps.Reconciler.Diagnostics;

/// <summary>Collects every finding of a load so that all errors are reported at once, not just the first.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.Severity == Severity.Error);

    /// <summary>Number of errors so far; loaders compare it before and after a file to know whether that file was valid.</summary>
    public int ErrorCount => _items.Count(d => d.Severity == Severity.Error);

    public void Error(SourcePosition position, string message) => _items.Add(new(Severity.Error, position, message));

    public void Warning(SourcePosition position, string message) => _items.Add(new(Severity.Warning, position, message));

    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.Position.File, StringComparer.Ordinal)
            .ThenBy(d => d.Position.Line)
            .ThenBy(d => d.Position.Column)];
}
