using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Tasks;

/// <summary>What converging the tasks kind would do: one change per task desired or scheduled, ordered by name.</summary>
public sealed record TaskPlan(ValueList<TaskChange> Changes)
{
    public static readonly TaskPlan Empty = new(ValueList<TaskChange>.Empty);

    public bool HasChanges => Changes.Any(c => c.Action != ChangeAction.NoOp);
}
