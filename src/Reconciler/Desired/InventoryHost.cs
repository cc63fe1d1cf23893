using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Desired;

/// <param name="Groups">Every group the host belongs to, in the order the groups are defined under <c>groups:</c>
/// (that order is the variable precedence between groups: later wins).</param>
public sealed record InventoryHost(string Name, ValueList<string> Groups, ValueMap<string> Vars);
