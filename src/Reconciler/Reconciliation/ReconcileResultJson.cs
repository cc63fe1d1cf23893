using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>The machine-readable form of a <see cref="ReconcileResult"/>, as <c>sync --json</c> prints it.</summary>
public sealed record ReconcileResultJson(
    int Version,
    string Host,
    string Status,
    string? Error,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    IReadOnlyList<DiagnosticJson> Diagnostics,
    IReadOnlyList<ResourceResultJson> Resources)
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

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

public sealed record DiagnosticJson(string Severity, string File, int Line, int Column, string Message);

public sealed record ResourceResultJson(string Stack, string Kind, string Name, string Status, string Reason);
