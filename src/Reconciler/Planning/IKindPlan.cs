namespace GitOps.Reconciler.Planning;

/// <summary>
/// One kind of desired state's part of a host <see cref="Plan"/> (stacks, tasks; models to come). Each kind plans in
/// its own slice; the pass, plan output and summary read every kind through this seam, and ordering edges between
/// kinds come from what one kind's resources provide and another's need.
/// </summary>
public interface IKindPlan
{
    /// <summary>The kind's name in plan output and JSON: <c>stacks</c>, <c>tasks</c>.</summary>
    string Kind { get; }

    /// <summary>True when applying this part would change something (suspended parts never do).</summary>
    bool HasChanges { get; }

    /// <summary>The titled parts of this kind's plan, in apply order: one per stack; one for all tasks.</summary>
    IReadOnlyList<PlanSection> Sections { get; }

    /// <summary>What this kind's resources offer others, by key (<c>network:ocr_default</c>).</summary>
    IEnumerable<PlanLink> Provides { get; }

    /// <summary>What this kind's resources need from others, by the same keys, with why.</summary>
    IEnumerable<PlanLink> Needs { get; }
}
