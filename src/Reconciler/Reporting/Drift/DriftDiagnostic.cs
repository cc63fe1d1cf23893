namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>A finding that explains a stall, with its place in the config repository.</summary>
public sealed record DriftDiagnostic(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
