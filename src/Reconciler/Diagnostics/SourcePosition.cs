namespace GitOps.Reconciler.Diagnostics;

/// <summary>Where a value came from: a repo-relative file and a 1-based line and column.</summary>
public sealed record SourcePosition(string File, int Line, int Column)
{
    public static SourcePosition StartOf(string file) => new(file, 1, 1);

    public override string ToString() => $"{File}:{Line}:{Column}";
}
