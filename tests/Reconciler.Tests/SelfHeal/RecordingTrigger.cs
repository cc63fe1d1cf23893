using GitOps.Reconciler.Reconciliation;

namespace GitOps.Reconciler.Tests.SelfHeal;

internal sealed class RecordingTrigger : IReconcileTrigger
{
    public List<string> Reasons { get; } = [];

    public bool Request(string reason)
    {
        lock (Reasons)
        {
            Reasons.Add(reason);
        }
        return true;
    }
}
