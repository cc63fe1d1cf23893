using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Planning;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation.Slices;

/// <summary>
/// The models kind in the pass: plans the host's models against the store and their paths, applies that plan
/// (download, switch, consumers, GC) and keeps the outcomes in the pass's result for its status, report and metrics.
/// A refused model refuses the host plan. Which consumers are told is decided in the plan (<see cref="ModelConsumerPlanner"/>)
/// and done by <see cref="IModelKind.ApplyAsync"/> once every model is in place.
/// </summary>
public sealed class ModelsSlice(IModelKind models, ILogger<ModelsSlice> logger) : IKindSlice
{
    public string Kind => ModelPlan.KindName;

    public async Task<Plan?> PlanAsync(KindPlanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = await models.PlanAsync(request.Desired, request.Repo.Root, request.VerifyContent, cancellationToken);
        return new Plan(request.Desired.Host, ValueList.Of<IKindPlan>(plan), ValueList.From(plan.Refusals));
    }

    public async Task<ReconcileResult> ApplyAsync(IKindPlan part, ReconcileResult result, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plan = part as ModelPlan ?? throw new ArgumentException($"the models slice cannot apply the {part?.Kind} kind", nameof(part));
        if (!plan.HasChanges)
        {
            return result;
        }
        var outcomes = await models.ApplyAsync(plan, progress is null ? null : new ModelApplyProgress(progress), cancellationToken);
        return (result with { ModelOutcomes = outcomes }).With(StatusOf(outcomes), FirstFailure(outcomes));
    }

    // What the pass saw of the models saves hashing next time; a state directory that cannot be written costs only that.
    public void Remember(ReconcileResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ModelPlan is not { } plan)
        {
            return;
        }
        try
        {
            models.Remember(plan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Recording the models' verification failed: {Reason}", ex.Message);
        }
    }

    // A failure is an apply failure (retried with backoff), a new rollback a failed health gate (not retried: the model
    // is held); applying changes converges the pass even when every model turned out unchanged.
    private static ApplyStatus StatusOf(IReadOnlyList<ModelOutcome> outcomes) =>
        outcomes.Any(o => o.Status is ModelStatus.Failed or ModelStatus.Refused) ? ApplyStatus.Failed
        : outcomes.Any(o => o.Status == ModelStatus.RolledBack && o.Message is not null && !o.Message.StartsWith("rolled back:", StringComparison.Ordinal)) ? ApplyStatus.RolledBack
        : ApplyStatus.Applied;

    private static string? FirstFailure(IReadOnlyList<ModelOutcome> outcomes) =>
        outcomes.Where(o => o.Status is ModelStatus.Failed or ModelStatus.Refused or ModelStatus.RolledBack && o.Message is not null)
            .Select(o => o.Message).FirstOrDefault();
}
