using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Diff desired against actual state into a <see cref="Plan"/>. Pure: no I/O, no clock, no logging.
/// Stacks are matched by compose project name; every targeted stack is converged, every managed stack
/// on the host that is no longer targeted is torn down, and a suspended stack (in the repo or locally,
/// by stack or project name) keeps its computed changes for information only.
/// </summary>
public static class Planner
{
    public static Plan Plan(DesiredState desired, ActualState actual, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(context);

        var stacks = new List<StackPlan>();
        var targeted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, stack) in desired.Stacks)
        {
            var name = stack.Compose.Name;
            targeted.Add(name);
            var changes = StackPlanner.Converge(stack, actual.Stacks.GetValueOrDefault(name), actual.Images, context);
            var suspended = stack.Policy.Suspended || context.LocallySuspended.Contains(key) || context.LocallySuspended.Contains(name);
            stacks.Add(new StackPlan(name, suspended ? StackAction.Suspended : StackAction.Converge, stack, changes)
            {
                Retiring = ValueList.From((actual.Stacks.GetValueOrDefault(name)?.Containers ?? ValueList<ActualContainer>.Empty).Where(ServiceSteps.IsRetiring)),
            });
        }
        foreach (var stack in actual.Stacks.Values.Where(s => !targeted.Contains(s.Name)))
        {
            var action = context.LocallySuspended.Contains(stack.Name) ? StackAction.Suspended : StackAction.Teardown;
            stacks.Add(new StackPlan(stack.Name, action, null, StackTeardown.Plan(stack)));
        }
        stacks.Sort((a, b) => string.CompareOrdinal(a.Stack, b.Stack));
        var consumers = desired.Models.Values
            .SelectMany(model => model.Consumers.Select(c => c.Split('/', 2)).Where(c => c.Length == 2)
                // A consumer names the stack by its key in the repo; the plan knows it by its compose project name.
                .Select(c => new ModelConsumer(model.Name, desired.Stacks.FirstOrDefault(s => s.Key == c[0]).Value?.Compose.Name ?? c[0], c[1])));
        var part = new StacksPlan(ValueList.From(stacks)) { ModelConsumers = ValueList.From(consumers) };
        return new Plan(desired.Host, ValueList.Of<IKindPlan>(part), Refusals(desired, stacks));
    }

    /// <summary>
    /// A repo that suddenly targets nothing at a host that runs stacks is more often a broken inventory
    /// than an intent, so removing every stack needs <see cref="FleetPolicy.AllowRemoveAllStacks"/>.
    /// Stacks of which only kept volumes remain are not removed by a plan and do not count.
    /// </summary>
    private static ValueList<string> Refusals(DesiredState desired, IReadOnlyList<StackPlan> stacks)
    {
        var removed = stacks.Where(s => s.Action == StackAction.Teardown && s.HasChanges).Select(s => s.Stack).ToList();
        var removesAll = removed.Count > 0 && desired.Stacks.Count == 0 && stacks.All(s => s.Action == StackAction.Teardown);
        return removesAll && !desired.Policy.AllowRemoveAllStacks
            ? ValueList.Of($"would remove every stack ({string.Join(", ", removed)}) from this host; set policy.allowRemoveAllStacks in inventory.yaml to allow")
            : ValueList<string>.Empty;
    }
}
