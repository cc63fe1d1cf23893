using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>The outcome of one pass through the pipeline, with whatever each stage produced before it ended.</summary>
/// <param name="Revision">The commit (or other label) of the config the reconcile read; null for a plain directory.</param>
public sealed record ReconcileResult(
    string Host,
    string? Revision,
    ReconcileStatus Status,
    IReadOnlyList<Diagnostic> Diagnostics,
    Plan? Plan,
    ApplyResult? Applied,
    string? Error,
    DateTimeOffset StartedAt,
    TimeSpan Duration)
{
    /// <summary>The tasks kind's part of the plan; null where no scheduler takes part in the pass.</summary>
    public Tasks.TaskPlan? TaskPlan => Plan?.Kinds.OfType<Tasks.TaskPlan>().FirstOrDefault();

    /// <summary>The models kind's part of the plan; null where no models kind takes part in the pass.</summary>
    public Models.ModelPlan? ModelPlan => Plan?.Kinds.OfType<Models.ModelPlan>().FirstOrDefault();

    /// <summary>What applying the models did; null when they were not applied.</summary>
    public IReadOnlyList<Models.ModelOutcome>? ModelOutcomes { get; init; }

    /// <summary>What the pass's pull stage did for this plan; null when the apply pulls for itself.</summary>
    public PulledImages? Pulled { get; init; }

    /// <summary>
    /// The daemon's pass: the old containers of start-first replaces are stopped and removed after the apply returns, so
    /// their stop grace delays neither the report nor the next service; false (one-shot verbs): before it returns.
    /// </summary>
    public bool RetireInBackground { get; init; }

    public bool Failed => Status is not (ReconcileStatus.Unchanged or ReconcileStatus.Converged);

    /// <summary>This result with one kind's apply outcome folded in: the worse status of the two, the first failure kept.</summary>
    public ReconcileResult With(ApplyStatus outcome, string? failure)
    {
        var status = outcome switch
        {
            ApplyStatus.Failed => ReconcileStatus.ApplyFailed,
            ApplyStatus.RolledBack => ReconcileStatus.HealthCheckFailed,
            ApplyStatus.Applied => ReconcileStatus.Converged,
            _ => ReconcileStatus.Unchanged,
        };
        return this with { Status = status > Status ? status : Status, Error = Error ?? failure };
    }
}
