using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// The changes that converge one targeted stack, in apply order: networks, volumes, orphaned services
/// (removed first, so a renamed service can take over their ports), services in depends_on order,
/// then orphaned networks (once no container uses them). External networks and volumes are not the
/// agent's and never appear.
/// </summary>
internal static class StackPlanner
{
    public static ValueList<ResourceChange> Converge(DesiredStack desired, ActualStack? actual, ValueMap<ImageInfo> images, PlanningContext context)
    {
        var stack = desired.Compose;
        var containers = (actual?.Containers ?? ValueList<ActualContainer>.Empty).Where(c => !ServiceSteps.IsRetiring(c)).ToList();
        var networks = StackNetworks.Plan(stack, actual);
        var facts = new StackFacts(
            stack.Name,
            images,
            context,
            networks.Where(n => n.Action is ChangeAction.Create or ChangeAction.Replace)
                .ToDictionary(n => n.Name, n => n.Action == ChangeAction.Create ? "missing" : "replaced", StringComparer.Ordinal),
            AwaitedToComplete(stack.Services.Values),
            desired.Policy.SelfHeal);

        var changes = new List<ResourceChange>();
        changes.AddRange(networks.Where(n => n.Action != ChangeAction.Delete));
        changes.AddRange(StackVolumes.Plan(stack, actual));
        changes.AddRange(containers.Where(c => !stack.Services.ContainsKey(c.Service))
            .GroupBy(c => c.Service)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Delete(stack.Name, g.Key, g, PlanReasons.ServiceRemoved)));
        var recreated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in DependencyOrder.Of(stack.Services))
        {
            var change = ServicePlanner.Plan(facts, stack.Services[name], containers.Where(c => c.Service == name), recreated);
            if (change.Action is ChangeAction.Create or ChangeAction.Replace)
            {
                recreated.Add(name);
            }
            changes.Add(change);
        }
        changes.AddRange(networks.Where(n => n.Action == ChangeAction.Delete));
        return ValueList.From(changes);
    }

    public static ServiceChange Delete(string stack, string service, IEnumerable<ActualContainer> containers, string reason) =>
        new(stack, service, ChangeAction.Delete, ValueList<FieldChange>.Empty, reason, null, null,
            ValueList.From(containers.OrderBy(c => c.Number)));

    private static HashSet<string> AwaitedToComplete(IEnumerable<ServiceSpec> services) =>
        services.SelectMany(s => s.DependsOn)
            .Where(d => d.Value.Condition == DependencyCondition.ServiceCompletedSuccessfully)
            .Select(d => d.Key)
            .ToHashSet(StringComparer.Ordinal);
}
