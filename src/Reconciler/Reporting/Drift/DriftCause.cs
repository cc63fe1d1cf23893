using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>Why a resource differs: the repo moved on (intentional) or someone changed the host (corrective).</summary>
public enum DriftCause
{
    /// <summary>Changed in git: applying the revision is a deploy.</summary>
    [JsonStringEnumMemberName("git")]
    Git,

    /// <summary>Changed on the host: applying the revision is a correction (self-heal).</summary>
    [JsonStringEnumMemberName("host")]
    Host,
}
