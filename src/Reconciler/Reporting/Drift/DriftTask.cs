using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// One task in the report's <c>tasks</c> section: its status, its schedule as git says it (as the store has it when it
/// is no longer in git), when it fires next, and how it last ran.
/// </summary>
/// <param name="SuspendedBy">For a suspended task: <c>git</c>, or who suspended it on this host (and why).</param>
public sealed record DriftTask(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] DriftTaskStatus Status,
    [property: JsonPropertyName("schedule")] string Schedule,
    [property: JsonPropertyName("timeZone")] string TimeZone,
    [property: JsonPropertyName("nextFire")] DateTimeOffset? NextFire,
    [property: JsonPropertyName("lastRun")] DriftTaskRun? LastRun,
    [property: JsonPropertyName("differences")] ValueList<DriftDifference> Differences,
    [property: JsonPropertyName("suspendedBy")] string? SuspendedBy)
{
    /// <summary>True when a script asking "is this host in sync" should hear no: anything but in sync, or suspended by git.</summary>
    [JsonIgnore]
    public bool IsOutOfSync => Status is not (DriftTaskStatus.InSync or DriftTaskStatus.Suspended) || (Status == DriftTaskStatus.Suspended && SuspendedBy != GitSuspension);

    public const string GitSuspension = "git";

    /// <summary>For a fleet task (named <c>task@group</c>): the group one of whose hosts fires each occurrence.</summary>
    [JsonPropertyName("runOn"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RunOn { get; init; }

    /// <summary>For a fleet task: the host that fired its latest occurrence, as the fleet store recorded it.</summary>
    [JsonPropertyName("lastFiredOn"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastFiredOn { get; init; }

    /// <summary>For a fleet task: the occurrence its latest fire was for.</summary>
    [JsonPropertyName("lastFiredFor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastFiredFor { get; init; }
}
