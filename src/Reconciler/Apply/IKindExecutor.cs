using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Apply;

/// <summary>
/// A kind's executor as the pass calls it: applies that kind's part of the host plan (<see cref="IKindPlan"/>, matched
/// by <see cref="Kind"/>) exactly as planned. The pass calls the executors in <see cref="Plan.ApplyOrder"/>.
/// </summary>
public interface IKindExecutor
{
    /// <summary>The <see cref="IKindPlan.Kind"/> this executor applies.</summary>
    string Kind { get; }

    /// <summary>Applies <paramref name="plan"/>; the outcome per section (a stack) for the report and history, empty for a
    /// kind that records its outcomes elsewhere (tasks: the job store and run history).</summary>
    Task<ValueList<StackApplyResult>> ApplyAsync(IKindPlan plan, string? revision, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken);
}
