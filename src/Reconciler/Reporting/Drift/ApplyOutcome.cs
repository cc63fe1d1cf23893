namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>What applying a plan did to one resource when it did not simply succeed, with the error for people.</summary>
public sealed record ApplyOutcome(DriftKind Kind, string Stack, string Name, ApplyFailure Result, string Reason)
{
    /// <summary>The failed container's exit code, read before it was removed.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Its last log lines, secrets masked.</summary>
    public Common.ValueList<string>? Logs { get; init; }
}
