using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Models;

/// <summary>
/// The models kind as the reconcile pass sees it: plan the host's models against the store and the paths, and apply
/// that plan (download, switch, consumers, GC). Applied before the stacks, so a consumer being deployed finds its model.
/// </summary>
public interface IModelKind
{
    /// <param name="verifyAll">Hash every installed file in full now (<c>drift --refresh</c>).</param>
    /// <param name="repoRoot">The checked-out revision, where repository sources are read from.</param>
    /// <remarks>Reads only; the size of each file to download is asked of its source (nothing is asked when nothing is missing).</remarks>
    Task<ModelPlan> PlanAsync(DesiredState desired, string repoRoot, bool verifyAll, CancellationToken cancellationToken);

    /// <summary>
    /// What a pass (not <c>plan</c>) keeps of its plan: the stamps of files it hashed and found as pinned (so later passes
    /// need not hash them again) and the end of holds on versions git no longer names. Planning itself writes nothing.
    /// </summary>
    void Remember(ModelPlan plan);

    Task<IReadOnlyList<ModelOutcome>> ApplyAsync(ModelPlan plan, IProgress<ModelProgress>? progress, CancellationToken cancellationToken);
}
