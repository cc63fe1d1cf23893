namespace GitOps.Reconciler.Rollout;

/// <summary>What the fleet store says of one host, as the rollout gate needs it; times by the database's clock.</summary>
/// <param name="InSyncSince">When the host first reported <c>inSync</c> at <see cref="Commit"/>; null when it has not
/// (or failed at it since).</param>
/// <param name="RolledBack">Its latest report has a resource rolled back by its health gate.</param>
public sealed record RolloutHostState(
    string Host,
    string Status,
    string? Commit,
    TimeSpan PollInterval,
    DateTimeOffset ReportedAt,
    DateTimeOffset? InSyncSince,
    bool RolledBack);
