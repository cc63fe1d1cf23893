using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Models;

/// <summary>
/// The models kind's part of a host's plan, one change per model the host should have. Each model provides
/// <c>model:&lt;name&gt;</c>; the stacks kind needs it for the services named as the model's consumers, so a model is
/// applied before the services that read it.
/// </summary>
public sealed record ModelPlan(ValueList<ModelChange> Changes) : IKindPlan
{
    public const string KindName = "models";

    public static readonly ModelPlan Empty = new(ValueList<ModelChange>.Empty);

    /// <summary>The consumers told once each after the models they read change (<see cref="ModelConsumerPlanner"/>).</summary>
    public ValueList<ModelConsumerAction> Consumers { get; init; } = ValueList<ModelConsumerAction>.Empty;

    /// <summary>The checked-out revision the plan was made from: repository sources are read there.</summary>
    public string RepoRoot { get; init; } = "";

    public string Kind => KindName;

    public bool HasChanges => Changes.Any(c => c.HasChanges);

    public IReadOnlyList<PlanSection> Sections =>
        Changes.Count == 0 ? [] : [new PlanSection(KindName, "", StackAction.Converge, ValueList.From<ResourceChange>(Changes))];

    public IEnumerable<PlanLink> Provides =>
        Changes.Where(c => c.Step is not (ModelAction.Refused or ModelAction.Remove)).Select(c => new PlanLink(Key(c.Spec.Name), new ResourceRef(ResourceKind.Model, "", c.Spec.Name)));

    public IEnumerable<PlanLink> Needs => [];

    public IEnumerable<string> Refusals => Changes.Where(c => c.Step == ModelAction.Refused).Select(c => c.Why!);

    /// <summary>The key a model provides and its consumers need: <c>model:&lt;name&gt;</c>.</summary>
    public static string Key(string model) => "model:" + model;
}
