using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Reporting;

/// <summary>
/// Counts of what a plan will do, over every kind. Changes of suspended stacks are not applied, so they
/// are counted apart in <see cref="Suspended"/>.
/// </summary>
public sealed record PlanSummary(int Create, int Update, int Replace, int Delete, int Unchanged, int Suspended)
{
    public static PlanSummary Of(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sections = plan.Kinds.SelectMany(k => k.Sections).ToList();
        var applied = sections.Where(s => s.Applied).SelectMany(s => s.Changes).ToList();
        int Count(ChangeAction action) => applied.Count(c => c.Action == action);
        return new PlanSummary(
            Count(ChangeAction.Create),
            Count(ChangeAction.Update),
            Count(ChangeAction.Replace),
            Count(ChangeAction.Delete),
            Count(ChangeAction.NoOp),
            sections.Where(s => !s.Applied).SelectMany(s => s.Changes).Count(c => c.Action != ChangeAction.NoOp));
    }

    public override string ToString() =>
        $"{Create} to create, {Update} to update, {Replace} to replace, {Delete} to delete"
        + (Suspended > 0 ? $" ({Suspended} more in suspended stacks, not applied)" : "");
}
