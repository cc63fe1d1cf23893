namespace GitOps.Reconciler.Diagnostics;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>One finding about the config repository, always with its position.</summary>
public sealed record Diagnostic(Severity Severity, SourcePosition Position, string Message)
{
    public override string ToString() =>
        Severity == Severity.Error ? $"{Position}: {Message}" : $"{Position}: warning: {Message}";
}
