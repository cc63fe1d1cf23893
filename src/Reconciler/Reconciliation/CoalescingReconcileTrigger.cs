namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// Folds reconcile requests into one pending flag. The scheduler that owns the loop registers a wake-up
/// (<see cref="OnRequested"/>) and takes the flag when a pass starts (<see cref="TakePending"/>); requests made
/// while a pass runs leave exactly one more pass to follow it.
/// </summary>
public sealed class CoalescingReconcileTrigger : IReconcileTrigger
{
    private int _pending;
    private Action<string>? _wake;

    /// <summary>The reason of the latest request that was not merged into a pending one.</summary>
    public string? LastReason { get; private set; }

    public bool IsPending => Volatile.Read(ref _pending) == 1;

    public void OnRequested(Action<string> wake) => _wake = wake;

    public bool Request(string reason)
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return false;
        }
        LastReason = reason;
        _wake?.Invoke(reason);
        return true;
    }

    /// <summary>Clears the pending flag; true when a request was waiting.</summary>
    public bool TakePending() => Interlocked.Exchange(ref _pending, 0) == 1;
}
