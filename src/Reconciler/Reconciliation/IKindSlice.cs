using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// One kind of desired state as the pass sees it, its slice of the pipeline: it plans its part of the host plan against
/// its own actual state, and applies that part exactly as planned. The composition root registers one per kind, in the
/// order of the host plan (models, stacks, tasks); <see cref="HostReconciler"/> knows none of them by name.
/// </summary>
public interface IKindSlice
{
    /// <summary>The <see cref="IKindPlan.Kind"/> of the part this slice plans and applies.</summary>
    string Kind { get; }

    /// <summary>A plan holding this kind's part and its refusals; null when the kind sits this pass out.</summary>
    /// <exception cref="ActualStateUnreadableException">The kind's actual state cannot be read (the pass is ProbeFailed).</exception>
    Task<Plan?> PlanAsync(KindPlanRequest request, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="part"/> and returns <paramref name="result"/> with what that did recorded in it
    /// (see <see cref="ReconcileResult.With(ApplyStatus, string?)"/>).</summary>
    Task<ReconcileResult> ApplyAsync(IKindPlan part, ReconcileResult result, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken);

    /// <summary>Keeps what a reported pass (not <c>plan</c>) learnt that saves work next time; failing to keep it costs
    /// only that work, so it does not throw for storage errors.</summary>
    void Remember(ReconcileResult result);
}
