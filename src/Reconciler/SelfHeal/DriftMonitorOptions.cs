namespace GitOps.Reconciler.SelfHeal;

/// <param name="Settle">After a trigger, how long to let a burst of events (kill, die, stop) arrive before probing once.</param>
/// <param name="BusyRetry">While a reconcile runs, how long to wait before trying the refresh again (the pass reports itself).</param>
/// <param name="SelfHeal">The host's switch: false reports drift caused on the host but never corrects it, whatever the stacks say.</param>
public sealed record DriftMonitorOptions(TimeSpan Settle, TimeSpan BusyRetry, bool SelfHeal)
{
    /// <summary>The interval of full drift reads (every managed container inspected); null for none.</summary>
    public TimeSpan? FullReadInterval { get; init; }

    public DriftMonitorOptions()
        : this(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), SelfHeal: true)
    {
    }
}
