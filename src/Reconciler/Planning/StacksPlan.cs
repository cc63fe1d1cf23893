using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// The stacks kind's part of a host plan: one <see cref="StackPlan"/> per stack, by name. Its converged stacks provide
/// their networks (<c>network:&lt;engine name&gt;</c>) and services (<c>service:&lt;stack&gt;/&lt;service&gt;</c>) to other kinds.
/// </summary>
public sealed record StacksPlan(ValueList<StackPlan> Stacks) : IKindPlan
{
    public const string KindName = "stacks";

    public string Kind => KindName;

    public bool HasChanges => Stacks.Any(s => s.HasChanges);

    public IReadOnlyList<PlanSection> Sections => [.. Stacks.Select(s => new PlanSection("stack", s.Stack, s.Action, s.Changes))];

    public IEnumerable<PlanLink> Provides =>
        Stacks.Where(s => s.Action != StackAction.Teardown).SelectMany(s => s.Changes.SelectMany(c => c switch
        {
            NetworkChange { Desired: { } network } => [new PlanLink("network:" + network.EngineName, Ref(c))],
            ServiceChange { Desired: not null } => [new PlanLink("service:" + s.Stack + "/" + c.Name, Ref(c))],
            _ => Array.Empty<PlanLink>(),
        }));

    public IEnumerable<PlanLink> Needs => [];

    private static ResourceRef Ref(ResourceChange change) => new(change.Kind, change.Stack, change.Name);
}
