using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// How one host compares with its revision, per resource: what <c>gitops-agent drift</c> prints, <c>/status</c>
/// serves and the daemon persists. <see cref="Revision"/> is null before any revision was fetched;
/// <see cref="LastError"/> is the last reconcile's error, <see cref="Stalled"/> set only while stalled.
/// The JSON form is documented in docs/drift-report.md and versioned by <see cref="SchemaVersion"/>.
/// </summary>
public sealed record DriftReport(
    int SchemaVersion,
    string Host,
    DriftRevision? Revision,
    DateTimeOffset GeneratedAt,
    ReportStatus Status,
    ValueList<DriftResource> Resources,
    string? LastError,
    DriftStall? Stalled)
{
    public const int CurrentSchemaVersion = 2;

    /// <summary>The newest revision applied without failure (Flux's name), with subject and author.</summary>
    public DriftCommit? LastAppliedRevision { get; init; }

    /// <summary>The newest revision the daemon tried (applied, failed or refused), with subject and author.</summary>
    public DriftCommit? LastAttemptedRevision { get; init; }

    /// <summary>Set while the ref's latest move was a history rewrite (a force-push to a non-descendant commit).</summary>
    public DriftHistoryRewrite? HistoryRewrite { get; init; }

    /// <summary>While the status is <c>converging</c> (or a step hangs): the step the pass is in and since when.</summary>
    public DriftStep? Step { get; init; }

    /// <summary>The host's models (schema version 2); null where the models kind took no part in the pass.</summary>
    public ValueList<DriftModel>? Models { get; init; }

    public DriftResource? Find(DriftKind kind, string stack, string name) =>
        Resources.FirstOrDefault(r => r.Kind == kind && r.Stack == stack && r.Name == name);
}
