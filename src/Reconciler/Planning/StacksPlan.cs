using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// The stacks kind's part of a host plan: one <see cref="StackPlan"/> per stack, by name. Its converged stacks provide
/// their networks (<c>network:&lt;engine name&gt;</c>) and services (<c>service:&lt;stack&gt;/&lt;service&gt;</c>) to other kinds;
/// a service named as a model's consumer needs that model (<c>model:&lt;name&gt;</c>). Its sections list a stack's retiring
/// containers too (<see cref="StackPlan.Shown"/>), which the drift report, reading the changes, never counts as drift.
/// </summary>
public sealed record StacksPlan(ValueList<StackPlan> Stacks) : IKindPlan
{
    public const string KindName = "stacks";

    public string Kind => KindName;

    public bool HasChanges => Stacks.Any(s => s.HasChanges);

    public IReadOnlyList<PlanSection> Sections => [.. Stacks.Select(s => new PlanSection("stack", s.Stack, s.Action, s.Shown))];

    public IEnumerable<PlanLink> Provides =>
        Stacks.Where(s => s.Action != StackAction.Teardown).SelectMany(s => s.Changes.SelectMany(c => c switch
        {
            NetworkChange { Desired: { } network } => [new PlanLink("network:" + network.EngineName, Ref(c))],
            ServiceChange { Desired: not null } => [new PlanLink("service:" + s.Stack + "/" + c.Name, Ref(c))],
            _ => Array.Empty<PlanLink>(),
        }));

    /// <summary>The services that read a model, from the models' <c>consumers:</c> (none without models).</summary>
    public ValueList<ModelConsumer> ModelConsumers { get; init; } = ValueList<ModelConsumer>.Empty;

    public IEnumerable<PlanLink> Needs =>
        Stacks.Where(s => s.Action != StackAction.Teardown).SelectMany(s => s.Changes
            .Where(c => c is ServiceChange { Desired: not null })
            .SelectMany(c => ModelConsumers.Where(m => m.Stack == s.Stack && m.Service == c.Name)
                .Select(m => new PlanLink("model:" + m.Model, Ref(c), $"service {s.Stack}/{c.Name} reads model {m.Model}"))));

    private static ResourceRef Ref(ResourceChange change) => new(change.Kind, change.Stack, change.Name);
}
