using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Desired;

/// <summary>The hosts and groups of inventory.yaml, with memberships resolved from both sides.</summary>
/// <param name="Vars">Top-level <c>vars:</c>, applied to every host below group and host vars.</param>
public sealed record Inventory(
    ValueMap<InventoryHost> Hosts,
    ValueMap<InventoryGroup> Groups,
    ValueMap<string> Vars,
    FleetPolicy Policy)
{
    public const string FileName = "inventory.yaml";

    /// <summary>True when <paramref name="name"/> is a host or a group that a target may name.</summary>
    public bool Defines(string name) => Hosts.ContainsKey(name) || Groups.ContainsKey(name);

    /// <summary>True when one of <paramref name="targets"/> is the host itself or one of its groups.</summary>
    public bool Targets(IEnumerable<string> targets, string host) =>
        Hosts.TryGetValue(host, out var entry) && targets.Any(t => t == host || entry.Groups.Contains(t));
}
