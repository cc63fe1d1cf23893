namespace GitOps.Reconciler.State;

/// <summary>What a reconcile did to one resource and how it ended (kept as JSON in the history).</summary>
public sealed record ResourceOutcome(string Kind, string Stack, string Name, string Action, string Outcome, string? Message = null)
{
    /// <summary>The exit code of the container that failed (read before it was removed).</summary>
    public int? ExitCode { get; init; }

    /// <summary>Its last log lines, secrets masked.</summary>
    public IReadOnlyList<string>? Logs { get; init; }
}
