namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// Asks the daemon for a reconcile soon (webhook, Docker event, CLI). Requests coalesce: however many arrive
/// while one runs, at most one more reconcile follows, so triggers never pile up.
/// </summary>
public interface IReconcileTrigger
{
    /// <summary>Returns false when a request was already pending (this one merged into it).</summary>
    bool Request(string reason);
}
