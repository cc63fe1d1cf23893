namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// Folds reconcile requests into pending flags: one for a full pass (webhook, CLI, <c>POST /reconcile</c>) and one for
/// a self-heal correction (reasons starting with <see cref="SelfHealPrefix"/>). The scheduler that owns the loop
/// registers a wake-up (<see cref="OnRequested"/>) and takes the flags when a pass starts (<see cref="Take"/>); requests
/// made while a pass runs leave exactly one more pass to follow it. A correction can also be taken on its own while a
/// pass waits on git or a pull (<see cref="HealRequested"/>, <see cref="TakeHeal"/>), so healing never waits behind them.
/// </summary>
public sealed class CoalescingReconcileTrigger : IReconcileTrigger
{
    /// <summary>How the drift monitor's corrections name themselves.</summary>
    public const string SelfHealPrefix = "self-heal:";

    private readonly Lock _gate = new();
    private bool _pass;
    private bool _heal;
    private TaskCompletionSource _healSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<string>? _wake;

    /// <summary>The reason of the latest request that was not merged into a pending one.</summary>
    public string? LastReason { get; private set; }

    public bool IsPending
    {
        get
        {
            lock (_gate)
            {
                return _pass || _heal;
            }
        }
    }

    /// <summary>Completes once a self-heal correction is pending (at once when one already is).</summary>
    public Task HealRequested
    {
        get
        {
            lock (_gate)
            {
                return _healSignal.Task;
            }
        }
    }

    public void OnRequested(Action<string> wake) => _wake = wake;

    public bool Request(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var heal = reason.StartsWith(SelfHealPrefix, StringComparison.Ordinal);
        bool merged;
        bool wake;
        lock (_gate)
        {
            merged = _pass || _heal;
            // A correction is never lost in a pending pass request: a pass that waits on git can still take it alone.
            wake = heal ? !_heal : !_pass;
            if (heal)
            {
                _heal = true;
                _healSignal.TrySetResult();
            }
            else
            {
                _pass = true;
            }
            if (!merged)
            {
                LastReason = reason;
            }
        }
        if (wake)
        {
            _wake?.Invoke(reason);
        }
        return !merged;
    }

    /// <summary>Clears every pending request and says what a pass should do for them.</summary>
    public ReconcileRequest Take()
    {
        lock (_gate)
        {
            var taken = _pass ? ReconcileRequest.Pass : _heal ? ReconcileRequest.Heal : ReconcileRequest.None;
            _pass = false;
            ClearHeal();
            return taken;
        }
    }

    /// <summary>Clears the pending flags; true when a request was waiting.</summary>
    public bool TakePending() => Take() != ReconcileRequest.None;

    /// <summary>Takes a pending self-heal correction alone; a pending pass request stays pending.</summary>
    public bool TakeHeal()
    {
        lock (_gate)
        {
            var was = _heal;
            ClearHeal();
            return was;
        }
    }

    private void ClearHeal()
    {
        if (_heal)
        {
            _heal = false;
            _healSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

/// <summary>What the pending requests ask of the next pass.</summary>
public enum ReconcileRequest
{
    /// <summary>Nothing: a timed poll.</summary>
    None,

    /// <summary>Only self-heal corrections: converge the last good revision.</summary>
    Heal,

    /// <summary>A full pass someone asked for.</summary>
    Pass,
}
