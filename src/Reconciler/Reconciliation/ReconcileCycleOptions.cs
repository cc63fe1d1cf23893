namespace GitOps.Reconciler.Reconciliation;

/// <summary>What one daemon pass needs to know besides its collaborators.</summary>
/// <param name="Host">The host this agent converges.</param>
/// <param name="StateDirectory">Where the host-wide reconcile lock lives.</param>
/// <param name="RefName">The ref followed, as the drift report names it (<c>branch main</c>).</param>
/// <param name="LockTimeout">How long a pass waits for a <c>sync</c> that holds the lock.</param>
public sealed record ReconcileCycleOptions(string Host, string StateDirectory, string RefName, TimeSpan LockTimeout)
{
    /// <summary>The first wait before a revision whose apply failed is tried again by a timed poll; doubled per failure.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The cap of that wait (<c>retryMaxBackoff</c>).</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A git call that lasts longer than this is shown as the pass's step (<c>converging</c>, <c>ls-remote origin</c>).</summary>
    public TimeSpan SlowStepAfter { get; init; } = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(10);
}
