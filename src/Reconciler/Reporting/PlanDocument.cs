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
    [property: JsonPropertyName("stacks")] IReadOnlyList<PlanStackDocument> Stacks);

public sealed record PlanSummaryDocument(
    [property: JsonPropertyName("create")] int Create,
    [property: JsonPropertyName("update")] int Update,
    [property: JsonPropertyName("replace")] int Replace,
    [property: JsonPropertyName("delete")] int Delete,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("suspended")] int Suspended);

public sealed record PlanStackDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("hasChanges")] bool HasChanges,
    [property: JsonPropertyName("changes")] IReadOnlyList<PlanChangeDocument> Changes);

/// <summary>One resource's change; a service's change is a <see cref="PlanServiceChangeDocument"/> with its containers.</summary>
[JsonDerivedType(typeof(PlanServiceChangeDocument))]
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
    [property: JsonPropertyName("containers"), JsonPropertyOrder(3)] IReadOnlyList<PlanContainerDocument> Containers)
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
