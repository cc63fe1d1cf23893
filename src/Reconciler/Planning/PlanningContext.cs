using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// Facts from the agent's own state that shape a plan besides desired and actual state.
/// </summary>
/// <param name="RolledBack">Config hashes that failed their health gate and were rolled back, keyed <c>stack/service</c>:
/// the same spec is not tried again until the repo changes it.</param>
/// <param name="LocallySuspended">Stacks suspended on this host with <c>gitops-agent suspend</c>.</param>
public sealed record PlanningContext(ValueMap<string> RolledBack, ValueList<string> LocallySuspended)
{
    /// <summary>The config hash each service last ran after passing its gate, keyed <c>stack/service</c>: never held.</summary>
    public ValueMap<string> LastGood { get; init; } = ValueMap<string>.Empty;

    /// <summary>The host's key of the config-hash label; the host reconciler sets its own (unkeyed only for plans that
    /// never reach an engine).</summary>
    public Secrets.ConfigHashKey HashKey { get; init; } = Secrets.ConfigHashKey.Unkeyed;

    public static readonly PlanningContext Empty = new(ValueMap<string>.Empty, ValueList<string>.Empty);
}
