using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// Every file of the config repo, parsed and validated once, independent of any host. A definition with
/// errors is left out (its errors are reported); a null <see cref="Inventory"/> means inventory.yaml was unreadable.
/// </summary>
public sealed record RepoDefinitions(
    Inventory? Inventory,
    ValueMap<StackDefinition> Stacks,
    ValueMap<TaskDefinition> Tasks,
    ValueMap<ModelDefinition> Models);
