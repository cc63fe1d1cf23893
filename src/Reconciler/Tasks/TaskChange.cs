using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Tasks;

/// <summary>One task's change: <see cref="ChangeAction.Create"/>, <see cref="ChangeAction.Update"/> (with the differing
/// fields), <see cref="ChangeAction.Delete"/> or <see cref="ChangeAction.NoOp"/>. A resource of the host plan like any
/// other (kind <see cref="ResourceKind.Task"/>, no stack), so plan output lists it field by field.</summary>
/// <param name="Desired">The spec to schedule; null for a delete.</param>
public sealed record TaskChange(string Task, ChangeAction Action, ValueList<FieldChange> Changes, TaskSpec? Desired)
    : ResourceChange(ResourceKind.Task, "", Task, Action, Changes, ReasonOf(Action))
{
    /// <summary>For a fleet task's change: the group the task runs on one host of (its job is keyed by it).</summary>
    public string? RunOn { get; init; }

    public const string NotScheduled = "not scheduled on this host yet";
    public const string DefinitionChanged = "scheduled differently from the repo";
    public const string Unscheduled = "no longer targeted at this host: unscheduled (its history is kept)";

    public override string ToString() =>
        Changes.Count == 0
            ? $"task {Task}: {Action.ToString().ToLowerInvariant()}"
            : $"task {Task}: " + string.Join("; ", Changes.Select(c => $"{c.Field}: want {Quote(c.Desired)}, have {Quote(c.Actual)}"));

    private static string Quote(string? value) => value is null ? "(none)" : "\"" + value + "\"";

    private static string ReasonOf(ChangeAction action) => action switch
    {
        ChangeAction.Create => NotScheduled,
        ChangeAction.Delete => Unscheduled,
        ChangeAction.NoOp => PlanReasons.UpToDate,
        _ => DefinitionChanged,
    };
}
