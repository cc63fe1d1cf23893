using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// The machine-readable form of a <see cref="ReconcileResult"/>, as <c>sync --json</c> prints it
/// (docs/sync-result.schema.json). Names are explicit; <see cref="ReconcileResultJsonContext"/> writes it.
/// </summary>
public sealed record ReconcileResultJson(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("durationSeconds")] double DurationSeconds,
    [property: JsonPropertyName("diagnostics")] IReadOnlyList<DiagnosticJson> Diagnostics,
    [property: JsonPropertyName("resources")] IReadOnlyList<ResourceResultJson> Resources)
{
    /// <summary>Indented; an absent error is left out rather than written as null.</summary>
    public static string Serialize(ReconcileResultJson result) =>
        JsonSerializer.Serialize(result, ReconcileResultJsonContext.Default.ReconcileResultJson);

    public static ReconcileResultJson From(ReconcileResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var resources = (result.Applied?.Stacks ?? ValueList<StackApplyResult>.Empty).SelectMany(stack => stack.Resources.Select(r =>
            new ResourceResultJson(stack.Stack, r.Kind.ToString().ToLowerInvariant(), r.Name, r.Status.ToString(), r.Reason)));
        var diagnostics = result.Diagnostics.Select(d =>
            new DiagnosticJson(d.Severity.ToString().ToLowerInvariant(), d.Position.File, d.Position.Line, d.Position.Column, d.Message));
        return new(1, result.Host, result.Status.ToString(), result.Error, result.StartedAt, result.Duration.TotalSeconds, [.. diagnostics], [.. resources]);
    }
}

/// <summary>One validation finding, as <c>sync --json</c> and <c>validate --json</c> print it.</summary>
public sealed record DiagnosticJson(
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("column")] int Column,
    [property: JsonPropertyName("message")] string Message);

public sealed record ResourceResultJson(
    [property: JsonPropertyName("stack")] string Stack,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string Reason);
