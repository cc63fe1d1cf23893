using GitOps.Reconciler.Reconciliation;

namespace GitOps.Integration.Tests.Surface;

/// <summary>A reconcile trigger that records requests and optionally runs something for each.</summary>
internal sealed class CountingTrigger(Func<string, Task>? onRequest = null) : IReconcileTrigger
{
    private readonly List<string> _reasons = [];

    public IReadOnlyList<string> Reasons
    {
        get
        {
            lock (_reasons)
            {
                return [.. _reasons];
            }
        }
    }

    public bool Request(string reason)
    {
        lock (_reasons)
        {
            _reasons.Add(reason);
        }
        if (onRequest is not null)
        {
            _ = Task.Run(() => onRequest(reason));
        }
        return true;
    }
}
