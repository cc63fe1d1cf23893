using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation.Slices;

/// <summary>
/// The scheduled-tasks kind in the pass: plans the host's tasks against a job store and writes the plan to it. The
/// store opens asynchronously and is attached by who opened it (the daemon's scheduler, <c>plan</c>'s read-only copy);
/// without one the tasks sit the pass out (<c>sync</c> leaves them to the daemon). A store that cannot be read or
/// written must not stop the stacks from converging: it is logged, and the next pass plans the tasks again.
/// </summary>
public sealed class TasksSlice(ILogger<TasksSlice> logger) : IKindSlice
{
    public string Kind => TaskPlan.KindName;

    /// <summary>The job store the tasks are planned against and applied to; null: the tasks sit the pass out.</summary>
    public ITaskKind? Schedule { get; set; }

    public async Task<Plan?> PlanAsync(KindPlanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Schedule is not { } schedule)
        {
            return null;
        }
        try
        {
            var plan = await schedule.PlanAsync(request.Desired, cancellationToken);
            return new Plan(request.Desired.Host, ValueList.Of<IKindPlan>(plan), ValueList<string>.Empty);
        }
        catch (Exception ex) when (ex is Quartz.SchedulerException or Microsoft.Data.Sqlite.SqliteException or System.Text.Json.JsonException)
        {
            logger.LogWarning("Reading the task scheduler failed, tasks are left as they are: {Reason}", ex.Message);
            return null;
        }
    }

    public async Task<ReconcileResult> ApplyAsync(IKindPlan part, ReconcileResult result, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plan = part as TaskPlan ?? throw new ArgumentException($"the tasks slice cannot apply the {part?.Kind} kind", nameof(part));
        if (!plan.HasChanges || Schedule is not { } schedule)
        {
            return result;
        }
        try
        {
            await schedule.ApplyAsync(plan, result.Revision, cancellationToken);
        }
        catch (Exception ex) when (ex is Quartz.SchedulerException or Microsoft.Data.Sqlite.SqliteException)
        {
            logger.LogWarning("Scheduling tasks failed: {Reason}", ex.Message);
        }
        // Outcomes are the store's and the run history's; changed tasks converge the pass.
        return result.With(ApplyStatus.Applied, null);
    }

    // The job store keeps what applying wrote; planning learns nothing more to keep.
    public void Remember(ReconcileResult result)
    {
    }
}
