using GitOps.Reconciler.Reconciliation;

namespace GitOps.Integration.Tests.Surface;

/// <summary>A reconcile trigger that records requests and optionally runs something for each.</summary>
internal sealed class CountingTrigger : IReconcileTrigger
{
    private readonly List<string> _reasons = [];

    /// <summary>Run in the background for each request (the daemon's reconcile, in tests).</summary>
    public Func<string, Task>? OnRequest { get; set; }

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
        if (OnRequest is { } run)
        {
            _ = Task.Run(() => run(reason));
        }
        return true;
    }
}
