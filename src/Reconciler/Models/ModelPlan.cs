using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Models;

/// <summary>The models kind's part of a host's plan, one change per model the host should have.</summary>
public sealed record ModelPlan(ValueList<ModelChange> Changes)
{
    public static readonly ModelPlan Empty = new(ValueList<ModelChange>.Empty);

    /// <summary>The checked-out revision the plan was made from: repository sources are read there.</summary>
    public string RepoRoot { get; init; } = "";

    public bool HasChanges => Changes.Any(c => c.HasChanges);

    public IEnumerable<string> Refusals => Changes.Where(c => c.Action == ModelAction.Refused).Select(c => c.Reason!);
}
