using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// A task as the job store holds it: the actual state of the tasks kind. <see cref="Crons"/>, <see cref="TimeZone"/>
/// and <see cref="Paused"/> are read from the job's triggers, the rest from the spec stored with the job.
/// </summary>
/// <param name="Revision">The revision whose definition the stored spec is, when known.</param>
public sealed record ScheduledTask(
    string Name,
    TaskSpec Spec,
    string? Revision,
    ValueList<string> Crons,
    string? TimeZone,
    bool Paused,
    DateTimeOffset? NextFire,
    DateTimeOffset? PreviousFire);
