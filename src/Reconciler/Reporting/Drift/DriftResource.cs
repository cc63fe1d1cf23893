using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// One resource of a report. <see cref="Cause"/> is null when nothing differs; <see cref="Since"/> is when
/// the resource entered its current status (carried over between reports while it stays there);
/// <see cref="Note"/> is the planner's reason, for people.
/// </summary>
public sealed record DriftResource(
    [property: JsonPropertyName("kind")] DriftKind Kind,
    [property: JsonPropertyName("stack")] string Stack,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] ResourceStatus Status,
    [property: JsonPropertyName("differences")] ValueList<DriftDifference> Differences,
    [property: JsonPropertyName("cause")] DriftCause? Cause,
    [property: JsonPropertyName("since")] DateTimeOffset Since,
    [property: JsonPropertyName("note")] string? Note,
    [property: JsonPropertyName("lastError")] string? LastError)
{
    /// <summary>The exit code of the container that failed or keeps crashing; null when not known or not relevant.</summary>
    [JsonPropertyName("exitCode")]
    public int? ExitCode { get; init; }

    /// <summary>Its last log lines (at most 100, secrets masked), so people see why; null when not relevant.</summary>
    [JsonPropertyName("logs")]
    public ValueList<string>? Logs { get; init; }

    /// <summary>Identifies a resource across reports.</summary>
    [JsonIgnore]
    public string Key => $"{Kind}/{Stack}/{Name}";

    /// <summary>True for statuses that mean "not as the revision says" (suspended resources are left alone and do not count).</summary>
    [JsonIgnore]
    public bool Differs => Status is not (ResourceStatus.InSync or ResourceStatus.Suspended);

    /// <summary>True when the host is not as the revision says, suspended or not: a suspended resource that differs counts here.</summary>
    [JsonIgnore]
    public bool HasDifferences => Differs || (Status == ResourceStatus.Suspended && (Cause is not null || Differences.Count > 0));
}
