using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Tasks;

/// <summary>One task's change: <see cref="ChangeAction.Create"/>, <see cref="ChangeAction.Update"/> (with the differing
/// fields), <see cref="ChangeAction.Delete"/> or <see cref="ChangeAction.NoOp"/>.</summary>
/// <param name="Desired">The spec to schedule; null for a delete.</param>
public sealed record TaskChange(string Task, ChangeAction Action, ValueList<FieldChange> Changes, TaskSpec? Desired)
{
    public override string ToString() =>
        Changes.Count == 0
            ? $"task {Task}: {Action.ToString().ToLowerInvariant()}"
            : $"task {Task}: " + string.Join("; ", Changes.Select(c => $"{c.Field}: want {Quote(c.Desired)}, have {Quote(c.Actual)}"));

    private static string Quote(string? value) => value is null ? "(none)" : "\"" + value + "\"";
}
