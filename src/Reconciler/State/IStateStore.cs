using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.State;

/// <summary>The agent's memory between reconciles and restarts. Everything in it can be re-derived from the host if lost.</summary>
public interface IStateStore
{
    StateStoreOpening Opening { get; }

    /// <summary>Why the last write failed (disk full, I/O error); null once a write succeeds again.</summary>
    string? WriteFailure { get; }

    /// <summary>Folds the write-ahead log back into the file and truncates it, so it cannot grow between writes.</summary>
    void Checkpoint();

    HostRevisions? GetHostRevisions(string host);

    void RecordAttempt(string host, string revision);

    void RecordApplied(string host, string revision);

    void SetStackRevision(string stack, string revision, string outcome);

    IReadOnlyList<StackRevision> GetStackRevisions();

    void RemoveStack(string stack);

    /// <summary>Remembers that <paramref name="configHash"/> of a service failed its health gate and was rolled back.</summary>
    void MarkRolledBack(string stack, string service, string configHash);

    void ClearRolledBack(string stack, string service);

    /// <summary>Remembers that <paramref name="configHash"/> of a service was applied and passed its gate: the last good spec.</summary>
    void MarkGood(string stack, string service, string configHash);

    void Suspend(string stack);

    void Resume(string stack);

    /// <summary>Rolled-back hashes (keyed <c>stack/service</c>) and locally suspended stacks, as the planner takes them.</summary>
    PlanningContext GetPlanningContext();

    /// <summary>Adds a reconcile result and drops the oldest beyond <paramref name="retention"/>; returns its id.</summary>
    long AddReconcile(ReconcileRecord record, int retention);

    /// <summary>The newest results first.</summary>
    IReadOnlyList<ReconcileRecord> GetHistory(int limit);
}
