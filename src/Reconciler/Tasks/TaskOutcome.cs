using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Tasks;

/// <summary>How one fire of a task ended.</summary>
public enum TaskOutcome
{
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,
    [JsonStringEnumMemberName("failed")]
    Failed,
    [JsonStringEnumMemberName("timedOut")]
    TimedOut,

    /// <summary>Not run: the previous run was still going (concurrency forbid).</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    /// <summary>Not run: the agent was down at the fire time and the missed-run rule or its deadline said no.</summary>
    [JsonStringEnumMemberName("missed")]
    Missed,
}
