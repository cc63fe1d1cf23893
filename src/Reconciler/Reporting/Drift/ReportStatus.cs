using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>The overall state of a host, in order of precedence when several apply.</summary>
public enum ReportStatus
{
    /// <summary>Every resource matches the revision (suspended ones aside).</summary>
    [JsonStringEnumMemberName("inSync")]
    InSync,

    /// <summary>Some resource differs and nothing is correcting it right now.</summary>
    [JsonStringEnumMemberName("drifted")]
    Drifted,

    /// <summary>Some resource differs and a reconcile is applying the plan now.</summary>
    [JsonStringEnumMemberName("converging")]
    Converging,

    /// <summary>The last reconcile failed, or a service failed or was rolled back.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The revision cannot be applied (invalid, unverified) and will not be retried until a new commit arrives.</summary>
    [JsonStringEnumMemberName("stalled")]
    Stalled,

    /// <summary>The whole host, or every stack on it, is suspended; or nothing differs but in suspended stacks.</summary>
    [JsonStringEnumMemberName("suspended")]
    Suspended,
}
