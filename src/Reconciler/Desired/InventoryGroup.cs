using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Desired;

/// <param name="Order">Position of the group under <c>groups:</c>; a later group's vars win over an earlier one's.</param>
public sealed record InventoryGroup(string Name, int Order, ValueMap<string> Vars);
