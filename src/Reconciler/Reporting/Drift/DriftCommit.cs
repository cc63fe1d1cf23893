using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>A commit as people recognise it: its id with the subject line and author (null when git cannot tell).</summary>
public sealed record DriftCommit([property: JsonPropertyName("commit")] string Commit, [property: JsonPropertyName("subject")] string? Subject, [property: JsonPropertyName("author")] string? Author);
