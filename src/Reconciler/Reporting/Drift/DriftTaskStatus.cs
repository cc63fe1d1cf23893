using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>How one scheduled task compares with the revision, and how it last ran.</summary>
public enum DriftTaskStatus
{
    /// <summary>Scheduled as the revision says, and its last run (if any) did not fail.</summary>
    [JsonStringEnumMemberName("inSync")]
    InSync,

    /// <summary>In the revision, not in the job store (not scheduled yet).</summary>
    [JsonStringEnumMemberName("missing")]
    Missing,

    /// <summary>Scheduled differently from the revision (see the differences), or scheduled and no longer in it.</summary>
    [JsonStringEnumMemberName("drifted")]
    Drifted,

    /// <summary>Scheduled as the revision says, and its last run failed or timed out.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Paused: <c>suspended: true</c> in git, or <c>suspend task/NAME</c> on this host. Never fired.</summary>
    [JsonStringEnumMemberName("suspended")]
    Suspended,
}
