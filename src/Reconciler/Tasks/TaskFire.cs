using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Tasks;

/// <summary>One fire of a task: what to run, for which scheduled time, and what started it.</summary>
/// <param name="Trigger"><see cref="Scheduled"/>, <see cref="CatchUp"/> (a fire the agent was down for) or <see cref="Manual"/>.</param>
public sealed record TaskFire(TaskSpec Spec, string? Revision, DateTimeOffset ScheduledAt, string Trigger)
{
    public const string Scheduled = "schedule";
    public const string CatchUp = "missed";
    public const string Manual = "manual";

    /// <summary>For a run a person asked for: the request's id (<see cref="TaskRunRequests"/>).</summary>
    public string? RequestId { get; init; }
}
