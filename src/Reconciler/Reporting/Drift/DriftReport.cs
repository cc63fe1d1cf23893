using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// How one host compares with its revision, per resource: what <c>gitops-agent drift</c> prints, <c>/status</c>
/// serves and the daemon persists. <see cref="Revision"/> is null before any revision was fetched;
/// <see cref="LastError"/> is the last reconcile's error, <see cref="Stalled"/> set only while stalled.
/// The JSON form is documented in docs/drift-report.md and versioned by <see cref="SchemaVersion"/>.
/// </summary>
public sealed record DriftReport(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("revision")] DriftRevision? Revision,
    [property: JsonPropertyName("generatedAt")] DateTimeOffset GeneratedAt,
    [property: JsonPropertyName("status")] ReportStatus Status,
    [property: JsonPropertyName("resources")] ValueList<DriftResource> Resources,
    [property: JsonPropertyName("lastError")] string? LastError,
    [property: JsonPropertyName("stalled")] DriftStall? Stalled)
{
    /// <summary>2 added <see cref="Tasks"/> and <see cref="Models"/>; a version 1 report (neither section) is still read.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The scheduled tasks, by name; null where no scheduler runs (the one-shot CLI) or before it reported.</summary>
    [JsonPropertyName("tasks")]
    public ValueList<DriftTask>? Tasks { get; init; }

    /// <summary>The newest revision applied without failure (Flux's name), with subject and author.</summary>
    [JsonPropertyName("lastAppliedRevision")]
    public DriftCommit? LastAppliedRevision { get; init; }

    /// <summary>The newest revision the daemon tried (applied, failed or refused), with subject and author.</summary>
    [JsonPropertyName("lastAttemptedRevision")]
    public DriftCommit? LastAttemptedRevision { get; init; }

    /// <summary>Set while the ref's latest move was a history rewrite (a force-push to a non-descendant commit).</summary>
    [JsonPropertyName("historyRewrite")]
    public DriftHistoryRewrite? HistoryRewrite { get; init; }

    /// <summary>While the status is <c>converging</c> (or a step hangs): the step the pass is in and since when.</summary>
    [JsonPropertyName("step")]
    public DriftStep? Step { get; init; }

    /// <summary>The host's models (schema version 2); null where the models kind took no part in the pass.</summary>
    [JsonPropertyName("models")]
    public ValueList<DriftModel>? Models { get; init; }

    /// <summary>Standing warnings about the host's own configuration (the upgrade default host policy); null when none.</summary>
    [JsonPropertyName("warnings")]
    public ValueList<string>? Warnings { get; init; }

    /// <summary>Set while a newer commit waits for the fleet's staged rollout (an earlier wave, or a lease of this host's wave).</summary>
    [JsonPropertyName("rollout")]
    public DriftRollout? Rollout { get; init; }

    public DriftResource? Find(DriftKind kind, string stack, string name) =>
        Resources.FirstOrDefault(r => r.Kind == kind && r.Stack == stack && r.Name == name);
}
