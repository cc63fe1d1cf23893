namespace GitOps.Reconciler.State;

/// <summary>The last revision applied in full on a host and the last one attempted (they differ after a failure).</summary>
public sealed record HostRevisions(string Host, string? Applied, DateTimeOffset? AppliedAt, string? Attempted, DateTimeOffset? AttemptedAt);
