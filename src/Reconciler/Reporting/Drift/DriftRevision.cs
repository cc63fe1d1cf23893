using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>The revision a report compares against: the ref followed, its commit, and whether its signature was verified.</summary>
public sealed record DriftRevision([property: JsonPropertyName("ref")] string Ref, [property: JsonPropertyName("commit")] string Commit, [property: JsonPropertyName("verified")] bool Verified);
