using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// A kind whose apply pulls images: the pass pulls them first, outside the host lock (no container changes), so a
/// slow registry never keeps self-heal waiting; the apply is then handed what was pulled (<see cref="ReconcileResult.Pulled"/>).
/// </summary>
public interface IPullingSlice : IKindSlice
{
    Task<PulledImages> PullAsync(IKindPlan part, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken);
}
