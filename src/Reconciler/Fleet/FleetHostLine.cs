using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Fleet;

/// <summary>One host of the inventory in <c>fleet status</c>: its rank, what it runs and how fresh its report is.</summary>
/// <param name="Reported">The status of its latest report (null when it never reported): an unresponsive host's last word.</param>
/// <param name="Behind">Commits between the host's commit and the ref's head; null when either is unknown.</param>
/// <param name="ReportAgeSeconds">Seconds since its last report, by the store's clock; null when it never reported.</param>
public sealed record FleetHostLine(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("groups")] ValueList<string> Groups,
    [property: JsonPropertyName("status")] FleetStatus Status,
    [property: JsonPropertyName("reportedStatus")] string? Reported,
    [property: JsonPropertyName("commit")] string? Commit,
    [property: JsonPropertyName("behind")] int? Behind,
    [property: JsonPropertyName("reportAgeSeconds")] double? ReportAgeSeconds,
    [property: JsonPropertyName("drifted")] int Drifted,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("agentVersion")] string? AgentVersion)
{
    /// <summary>Why the host's report is not in sync (a stall's reason, else its last error, else the wave a staged rollout waits for); null when it says nothing failed or waits.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
