using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The tasks kind's executor as the pass calls it: writes the task plan to the job store (<see cref="ITaskKind.ApplyAsync"/>).
/// A store that cannot be written must not fail the pass: it is logged, and the next pass plans the tasks again from
/// the store as it is. Outcomes are the store's and the run history's, so it returns no section results.
/// </summary>
public sealed class TaskKindExecutor(ITaskKind tasks, ILogger logger) : IKindExecutor
{
    public string Kind => TaskPlan.KindName;

    public async Task<ValueList<StackApplyResult>> ApplyAsync(IKindPlan plan, string? revision, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        var taskPlan = plan as TaskPlan ?? throw new ArgumentException($"the tasks executor cannot apply the {plan?.Kind} kind", nameof(plan));
        if (!taskPlan.HasChanges)
        {
            return ValueList<StackApplyResult>.Empty;
        }
        try
        {
            await tasks.ApplyAsync(taskPlan, revision, cancellationToken);
        }
        catch (Exception ex) when (ex is Quartz.SchedulerException or Microsoft.Data.Sqlite.SqliteException)
        {
            logger.LogWarning("Scheduling tasks failed: {Reason}", ex.Message);
        }
        return ValueList<StackApplyResult>.Empty;
    }
}
