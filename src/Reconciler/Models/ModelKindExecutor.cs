using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Models;

/// <summary>
/// The models kind's executor as the pass calls it, one per pass: applies the model plan (<see cref="IModelKind.ApplyAsync"/>)
/// and keeps what that did in <see cref="Outcomes"/> for the pass's status, drift report and metrics. Model outcomes
/// are not stack results, so it returns no section results.
/// </summary>
public sealed class ModelKindExecutor(IModelKind models) : IKindExecutor
{
    public string Kind => ModelPlan.KindName;

    /// <summary>What applying the models did; null until a plan with changes was applied.</summary>
    public IReadOnlyList<ModelOutcome>? Outcomes { get; private set; }

    public async Task<ValueList<StackApplyResult>> ApplyAsync(IKindPlan plan, string? revision, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        var modelPlan = plan as ModelPlan ?? throw new ArgumentException($"the models executor cannot apply the {plan?.Kind} kind", nameof(plan));
        if (modelPlan.HasChanges)
        {
            Outcomes = await models.ApplyAsync(modelPlan, progress is null ? null : new ModelApplyProgress(progress), cancellationToken);
        }
        return ValueList<StackApplyResult>.Empty;
    }
}
