using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>A finding that explains a stall, with its place in the config repository.</summary>
public sealed record DriftDiagnostic([property: JsonPropertyName("file")] string File, [property: JsonPropertyName("line")] int Line, [property: JsonPropertyName("column")] int Column, [property: JsonPropertyName("message")] string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
