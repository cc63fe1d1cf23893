namespace GitOps.Reconciler.Fleet;

/// <summary>A host's row as the fleet store holds it, with its age by the database's clock (hosts' clocks may differ).</summary>
/// <param name="Age">Time since the host's last write (its heartbeat), by the database's clock.</param>
public sealed record FleetHostRow(
    string Host,
    string Status,
    string? Commit,
    string? Ref,
    string AgentVersion,
    TimeSpan PollInterval,
    int Drifted,
    int Failed,
    DateTimeOffset ReportedAt,
    TimeSpan Age)
{
    /// <summary>Why the host is not in sync, as its report says (a stall's reason, else the last error, else why a staged rollout holds it back); null when nothing failed or waits.</summary>
    public string? Reason { get; init; }
}
