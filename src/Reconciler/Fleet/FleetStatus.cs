using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Fleet;

/// <summary>A host's place in the fleet view, worst first: the declaration order is the ranking.</summary>
public enum FleetStatus
{
    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("stalled")]
    Stalled,

    [JsonStringEnumMemberName("drifted")]
    Drifted,

    [JsonStringEnumMemberName("converging")]
    Converging,

    /// <summary>Never reported, or no report for three of its poll intervals.</summary>
    [JsonStringEnumMemberName("unresponsive")]
    Unresponsive,

    /// <summary>Suspended on purpose: reported, not ranked as a problem.</summary>
    [JsonStringEnumMemberName("suspended")]
    Suspended,

    [JsonStringEnumMemberName("inSync")]
    InSync,
}
