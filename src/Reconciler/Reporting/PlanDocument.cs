using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting;

/// <summary>A plan as <c>plan --json</c> prints it (docs/plan.schema.json). Names are fixed here, not by C# member names.</summary>
public sealed record PlanDocument(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("hasChanges")] bool HasChanges,
    [property: JsonPropertyName("refused")] bool Refused,
    [property: JsonPropertyName("refusals")] IReadOnlyList<string> Refusals,
    [property: JsonPropertyName("summary")] PlanSummaryDocument Summary,
    [property: JsonPropertyName("stacks")] IReadOnlyList<PlanSectionDocument> Stacks,
    [property: JsonPropertyName("tasks"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PlanSectionDocument>? Tasks,
    [property: JsonPropertyName("models"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PlanSectionDocument>? Models,
    [property: JsonPropertyName("edges")] IReadOnlyList<PlanEdgeDocument> Edges);

/// <summary>An ordering edge between resources of the host plan: <c>before</c> is applied before <c>after</c>.</summary>
public sealed record PlanEdgeDocument(
    [property: JsonPropertyName("before")] PlanRefDocument Before,
    [property: JsonPropertyName("after")] PlanRefDocument After,
    [property: JsonPropertyName("reason")] string Reason);

public sealed record PlanRefDocument(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("stack")] string Stack,
    [property: JsonPropertyName("name")] string Name);

public sealed record PlanSummaryDocument(
    [property: JsonPropertyName("create")] int Create,
    [property: JsonPropertyName("update")] int Update,
    [property: JsonPropertyName("replace")] int Replace,
    [property: JsonPropertyName("delete")] int Delete,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("suspended")] int Suspended);

/// <summary>One section of a kind's part: a stack, or all tasks, or all models.</summary>
public sealed record PlanSectionDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("hasChanges")] bool HasChanges,
    [property: JsonPropertyName("changes")] IReadOnlyList<PlanChangeDocument> Changes);

/// <summary>One resource's change; a service's change is a <see cref="PlanServiceChangeDocument"/> with its containers.</summary>
[JsonDerivedType(typeof(PlanServiceChangeDocument))]
[JsonDerivedType(typeof(PlanModelChangeDocument))]
public record PlanChangeDocument(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("fields")] IReadOnlyList<PlanFieldDocument> Fields);

/// <summary>A service's change: what it runs after (image, config hash) and the containers it has now.</summary>
/// <remarks>Ordered after the common members (the serializer lists a derived type's own members first otherwise).</remarks>
public sealed record PlanServiceChangeDocument(
    string Kind,
    string Name,
    string Action,
    string Reason,
    IReadOnlyList<PlanFieldDocument> Fields,
    [property: JsonPropertyName("image"), JsonPropertyOrder(1)] string? Image,
    [property: JsonPropertyName("configHash"), JsonPropertyOrder(2)] string? ConfigHash,
    [property: JsonPropertyName("gate"), JsonPropertyOrder(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Gate,
    [property: JsonPropertyName("preflight"), JsonPropertyOrder(4)] bool Preflight,
    [property: JsonPropertyName("steps"), JsonPropertyOrder(7)] IReadOnlyList<PlanStepDocument> Steps,
    [property: JsonPropertyName("containers"), JsonPropertyOrder(8)] IReadOnlyList<PlanContainerDocument> Containers)
    : PlanChangeDocument(Kind, Name, Action, Reason, Fields)
{
    /// <summary>A replace's order, <c>startFirst</c> or <c>stopFirst</c>; absent when nothing is replaced.</summary>
    [JsonPropertyName("order"), JsonPropertyOrder(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Order { get; init; }

    /// <summary>Why a service that asks for start-first is replaced stop-first; absent otherwise.</summary>
    [JsonPropertyName("orderReason"), JsonPropertyOrder(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OrderReason { get; init; }
}

/// <summary>A model's change: the files it downloads and their bytes, and what its consumers are told after it.</summary>
public sealed record PlanModelChangeDocument(
    string Kind,
    string Name,
    string Action,
    string Reason,
    IReadOnlyList<PlanFieldDocument> Fields,
    [property: JsonPropertyName("downloads"), JsonPropertyOrder(1)] IReadOnlyList<string> Downloads,
    [property: JsonPropertyName("downloadBytes"), JsonPropertyOrder(2)] long? DownloadBytes,
    [property: JsonPropertyName("consumers"), JsonPropertyOrder(3)] IReadOnlyList<string> Consumers)
    : PlanChangeDocument(Kind, Name, Action, Reason, Fields);

public sealed record PlanFieldDocument(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("desired")] string? Desired,
    [property: JsonPropertyName("actual")] string? Actual);

public sealed record PlanContainerDocument(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("imageId")] string? ImageId,
    [property: JsonPropertyName("running")] bool Running);

/// <summary>What happens to one container of a service: its action, number and name, the temporary name it is created under.</summary>
public sealed record PlanStepDocument(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("createAs")] string? CreateAs,
    [property: JsonPropertyName("container")] string? Container);
