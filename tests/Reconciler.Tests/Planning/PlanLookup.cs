using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Tests.Planning;

/// <summary>Finds stacks and resources in a plan by name, failing clearly when absent.</summary>
internal static class PlanLookup
{
    public static StackPlan Stack(this Plan plan, string stack) => Assert.Single(plan.Stacks, s => s.Stack == stack);

    public static ServiceChange Service(this Plan plan, string stack, string service) =>
        Assert.Single(plan.Stack(stack).Changes.OfType<ServiceChange>(), c => c.Name == service);

    public static NetworkChange Network(this Plan plan, string stack, string network) =>
        Assert.Single(plan.Stack(stack).Changes.OfType<NetworkChange>(), c => c.Name == network);

    public static VolumeChange Volume(this Plan plan, string stack, string volume) =>
        Assert.Single(plan.Stack(stack).Changes.OfType<VolumeChange>(), c => c.Name == volume);

    public static FieldChange Field(this ResourceChange change, string field) => Assert.Single(change.Fields, f => f.Field == field);

    /// <summary>The plan's changes as <c>kind:name:action</c>, in order, for ordering assertions.</summary>
    public static IReadOnlyList<string> Steps(this StackPlan stack) =>
        stack.Changes.Select(c => $"{c.Kind}:{c.Name}:{c.Action}".ToLowerInvariant()).ToList();
}
