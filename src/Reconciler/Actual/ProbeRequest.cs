using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Actual;

/// <summary>
/// What the probe compares against to decide how much to read. A container whose config-hash label equals its
/// desired spec's hash is proven unchanged by the list alone; only the others are inspected.
/// </summary>
/// <param name="Desired">The desired compose projects by stack name (may be empty: read every managed stack cheaply).</param>
/// <param name="FullDrift">Inspect every managed container regardless of hashes (for a full drift report).</param>
public sealed record ProbeRequest(IReadOnlyDictionary<string, StackSpec> Desired, bool FullDrift = false)
{
    /// <summary>The key the desired specs' hashes are made with: the same as the planner's, or every label looks changed.</summary>
    public Secrets.ConfigHashKey HashKey { get; init; } = Secrets.ConfigHashKey.Unkeyed;

    public static ProbeRequest For(DesiredState desired, bool fullDrift = false)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return new(desired.Stacks.ToDictionary(kv => kv.Key, kv => kv.Value.Compose, StringComparer.Ordinal), fullDrift);
    }
}
