using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// A titled part of a kind's plan as people and machines read it: a stack (<c>stack ocr</c>), or all of the host's
/// tasks (<c>tasks</c>). <see cref="Action"/> says whether it is applied: a suspended section is shown only.
/// </summary>
/// <param name="Kind">The section's kind in the singular, as plan text names it: <c>stack</c>, <c>tasks</c>.</param>
/// <param name="Name">The stack's name; empty for a kind that has one section.</param>
public sealed record PlanSection(string Kind, string Name, StackAction Action, ValueList<ResourceChange> Changes)
{
    public string Title => Name.Length == 0 ? Kind : Kind + " " + Name;

    public bool Applied => Action != StackAction.Suspended;

    public bool HasChanges => Applied && Changes.Any(c => c.Action != ChangeAction.NoOp);
}
