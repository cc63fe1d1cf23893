namespace GitOps.Reconciler.State;

/// <summary>One reconcile in the history.</summary>
/// <param name="Outcome">The outcome reason: Succeeded, NoChange, FetchFailed, VerificationFailed, ValidationFailed, ApplyFailed, HealthCheckFailed, PruneFailed.</param>
/// <param name="Message">For people: why it failed, or a summary.</param>
public sealed record ReconcileRecord(
    DateTimeOffset StartedAt,
    string? Revision,
    TimeSpan Duration,
    string Outcome,
    string? Message,
    IReadOnlyList<ResourceOutcome> Resources)
{
    /// <summary>Set by the store; 0 for a record not stored yet.</summary>
    public long Id { get; init; }
}
