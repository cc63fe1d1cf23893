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

    /// <summary>Files to download in this plan, each hash once however many models name it.</summary>
    public int DownloadCount => Downloads.Count();

    /// <summary>The bytes this plan downloads, a file shared by models counted once; null when a source did not say.</summary>
    public long? DownloadBytes => Downloads.All(d => d.Sizes.ContainsKey(d.Sha256)) ? Downloads.Sum(d => d.Sizes[d.Sha256]) : null;

    /// <summary>The plan's downloads in one line for people (<c>models: 2 files, 412.0 MB to download</c>); null when none.</summary>
    public string? DownloadSummary => DownloadCount == 0 ? null
        : $"models: {DownloadCount} {(DownloadCount == 1 ? "file" : "files")}" + (DownloadBytes is { } bytes ? ", " + ByteCount.Format(bytes) + " to download" : " to download (size not announced)");

    private IEnumerable<(string Sha256, ValueMap<long> Sizes)> Downloads =>
        Changes.Where(c => c.HasChanges).SelectMany(c => c.Downloads.Select(f => (f.Sha256, c.DownloadSizes))).DistinctBy(d => d.Sha256);

    public IReadOnlyList<PlanSection> Sections =>
        Changes.Count == 0 ? [] : [new PlanSection(KindName, "", StackAction.Converge, ValueList.From<ResourceChange>(Changes))];

    public IEnumerable<PlanLink> Provides =>
        Changes.Where(c => c.Step is not (ModelAction.Refused or ModelAction.Remove)).Select(c => new PlanLink(Key(c.Spec.Name), new ResourceRef(ResourceKind.Model, "", c.Spec.Name)));

    public IEnumerable<PlanLink> Needs => [];

    public IEnumerable<string> Refusals => Changes.Where(c => c.Step == ModelAction.Refused).Select(c => c.Why!);

    /// <summary>The key a model provides and its consumers need: <c>model:&lt;name&gt;</c>.</summary>
    public static string Key(string model) => "model:" + model;
}
