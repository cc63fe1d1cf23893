using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.State;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// Keeps what a reconcile must remember in the host's state store. A pass that changed nothing after another
/// that changed nothing, at the same revision, writes nothing (a steady host does not grow the file or its log);
/// one that wrote folds the write-ahead log back. A store that cannot be written does not stop the pass: the
/// failure stays in <see cref="IStateStore.WriteFailure"/> for the report, and the next pass writes again.
/// </summary>
public sealed class StateStoreMemory(IStateStore store, int historyRetention = 200) : IReconcileMemory
{
    private (string? Revision, ReconcileStatus Status)? _recorded;

    public Task<PlanningContext> LoadContextAsync(CancellationToken cancellationToken) =>
        Task.FromResult(store.GetPlanningContext());

    public Task RecordAsync(ReconcileResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == ReconcileStatus.Unchanged && _recorded == (result.Revision, ReconcileStatus.Unchanged))
        {
            return Task.CompletedTask;
        }
        try
        {
            Record(result);
            store.Checkpoint();
            _recorded = (result.Revision, result.Status);
        }
        catch (StateStoreException)
        {
            // Kept in store.WriteFailure and reported by the pass; the host converges from memory meanwhile.
            _recorded = null;
        }
        return Task.CompletedTask;
    }

    private void Record(ReconcileResult result)
    {
        var revision = result.Revision;
        if (revision is not null)
        {
            store.RecordAttempt(result.Host, revision);
            if (!result.Failed)
            {
                store.RecordApplied(result.Host, revision);
            }
        }
        foreach (var stack in result.Applied?.Stacks ?? ValueList<StackApplyResult>.Empty)
        {
            RememberRollbacks(stack);
            if (revision is not null)
            {
                store.SetStackRevision(stack.Stack, revision, stack.Status.ToString());
            }
        }
        store.AddReconcile(
            new ReconcileRecord(result.StartedAt, revision, result.Duration, result.Status.ToString(), result.Error, Outcomes(result)),
            historyRetention);
    }

    private void RememberRollbacks(StackApplyResult stack)
    {
        foreach (var resource in stack.Resources.Where(r => r.Kind == ResourceKind.Container))
        {
            if (resource.FailedConfigHash is { } failed)
            {
                store.MarkRolledBack(stack.Stack, resource.Name, failed);
            }
            else if (resource.Status == ApplyStatus.Applied)
            {
                store.ClearRolledBack(stack.Stack, resource.Name);
            }
            if (resource.Status == ApplyStatus.Applied && resource.AppliedConfigHash is { } good)
            {
                store.MarkGood(stack.Stack, resource.Name, good);
            }
        }
    }

    private static IReadOnlyList<ResourceOutcome> Outcomes(ReconcileResult result)
    {
        var actions = (result.Plan?.Stacks ?? ValueList<StackPlan>.Empty).SelectMany(s => s.Changes)
            .ToDictionary(c => (c.Stack, c.Kind, c.Name), c => c.Action.ToString());
        return [.. (result.Applied?.Stacks ?? ValueList<StackApplyResult>.Empty).SelectMany(stack => stack.Resources.Select(r => new ResourceOutcome(
            r.Kind.ToString(), stack.Stack, r.Name,
            actions.GetValueOrDefault((stack.Stack, r.Kind, r.Name), "NoOp"),
            r.Status.ToString(), r.Reason)
        {
            ExitCode = r.ExitCode,
            Logs = r.Logs,
        }))];
    }
}
