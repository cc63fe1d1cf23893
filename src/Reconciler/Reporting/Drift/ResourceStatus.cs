using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>How one resource compares with the revision.</summary>
public enum ResourceStatus
{
    [JsonStringEnumMemberName("inSync")]
    InSync,
    [JsonStringEnumMemberName("drifted")]
    Drifted,
    [JsonStringEnumMemberName("missing")]
    Missing,
    [JsonStringEnumMemberName("extra")]
    Extra,
    [JsonStringEnumMemberName("failed")]
    Failed,
    [JsonStringEnumMemberName("rolledBack")]
    RolledBack,
    [JsonStringEnumMemberName("suspended")]
    Suspended,

    /// <summary>Its container keeps dying on its own and is restarted (restart policy or self-heal): <c>exitCode</c> and <c>logs</c> say why.</summary>
    [JsonStringEnumMemberName("crashLooping")]
    CrashLooping,

    /// <summary>A stack of the stalled revision uses a secret this host cannot decrypt: <c>lastError</c> names the file and the reason.</summary>
    [JsonStringEnumMemberName("undecryptable")]
    Undecryptable,
}
