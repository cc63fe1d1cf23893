using System.Text.Json;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Tasks;

namespace GitOps.Reconciler.Reporting;

/// <summary>
/// A plan for machines (docs/plan.schema.json), versioned by <see cref="Version"/>: the plan mapped to
/// <see cref="PlanDocument"/> and written by the source-generated <see cref="PlanJsonContext"/>, whose names are
/// explicit, so renaming a C# member can never change the schema. Field values are complete (not shortened) but
/// sensitive environment values are masked, as in the plan's text.
/// </summary>
public static class PlanJson
{
    public const int Version = 1;

    private static readonly JsonSerializerOptions Compact = Options(indented: false);
    private static readonly JsonSerializerOptions Indented = Options(indented: true);

    public static string Render(Plan plan, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return JsonSerializer.Serialize(Document(plan), Info(indented));
    }

    public static void Write(Utf8JsonWriter json, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(plan);
        JsonSerializer.Serialize(json, Document(plan), Info(indented: false));
    }

    public static PlanDocument Document(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var summary = PlanSummary.Of(plan);
        return new PlanDocument(
            Version,
            plan.Host,
            plan.HasChanges,
            plan.Refusals.Count > 0,
            [.. plan.Refusals],
            new PlanSummaryDocument(summary.Create, summary.Update, summary.Replace, summary.Delete, summary.Unchanged, summary.Suspended),
            Sections(plan, StacksPlan.KindName) ?? [],
            Sections(plan, TaskPlan.KindName),
            Sections(plan, ModelPlan.KindName, plan.Kinds.OfType<ModelPlan>().FirstOrDefault()),
            [.. plan.Edges.Select(e => new PlanEdgeDocument(Ref(e.Before), Ref(e.After), e.Reason))]);
    }

    /// <summary>One kind's sections; null when the plan has no part of that kind (only <c>stacks</c> is always written).</summary>
    private static List<PlanSectionDocument>? Sections(Plan plan, string kind, ModelPlan? models = null) =>
        plan.Kinds.FirstOrDefault(k => k.Kind == kind) is { } part ? [.. part.Sections.Select(s => Section(s, models))] : null;

    private static PlanSectionDocument Section(PlanSection section, ModelPlan? models) =>
        new(section.Name.Length == 0 ? section.Kind : section.Name, Name(section.Action), section.HasChanges, [.. section.Changes.Select(c => Change(c, models))]);

    private static PlanRefDocument Ref(ResourceRef resource) => new(Name(resource.Kind), resource.Group, resource.Name);

    private static PlanChangeDocument Change(ResourceChange change, ModelPlan? models)
    {
        List<PlanFieldDocument> fields =
            [.. change.Fields.Select(f => new PlanFieldDocument(f.Field, SecretMask.Apply(f.Field, f.Desired), SecretMask.Apply(f.Field, f.Actual)))];
        if (change is ServiceChange service)
        {
            return new PlanServiceChangeDocument(
                Name(change.Kind), change.Name, Name(change.Action), change.Reason, fields,
                service.Desired?.Image,
                service.DesiredConfigHash,
                service.Gate is { } gate ? Name(gate) : null,
                service.Preflight,
                [.. service.Containers.Select(Step)],
                [.. service.Existing.Select(c => new PlanContainerDocument(c.Id, c.Name, c.Number, c.ImageReference, c.ImageId, c.Running))])
            {
                Order = service.Order is { } order ? Name(order.Order) : null,
                OrderReason = service.Order?.Reason,
            };
        }
        if (change is ModelChange model)
        {
            return new PlanModelChangeDocument(
                Name(change.Kind), change.Name, Name(change.Action), change.Reason, fields,
                [.. model.Downloads.Select(f => f.Name)],
                model.Downloads.Count == 0 ? 0 : model.DownloadBytes,
                models is null ? [] : [.. models.Consumers.Where(c => c.Models.Contains(model.Spec.Name)).Select(c => c.ToString())]);
        }
        return new PlanChangeDocument(Name(change.Kind), change.Name, Name(change.Action), change.Reason, fields);
    }

    private static PlanStepDocument Step(ContainerStep step) =>
        new(Name(step.Action), step.Number, step.Name,
            step.Action is ContainerAction.Create or ContainerAction.Replace ? step.CreateAs : null, step.Existing?.Id);

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<PlanDocument> Info(bool indented) =>
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<PlanDocument>)(indented ? Indented : Compact).GetTypeInfo(typeof(PlanDocument));

    /// <summary>The generated contract, written as before: default escaping, indented or compact.</summary>
    private static JsonSerializerOptions Options(bool indented)
    {
        var options = new JsonSerializerOptions(PlanJsonContext.Default.Options) { WriteIndented = indented };
        options.MakeReadOnly();
        return options;
    }

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
