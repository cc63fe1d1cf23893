using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>A commit that will not be retried until the ref moves: why, and the findings behind it.</summary>
public sealed record StalledRevision(string Commit, ReconcileStatus Status, DriftStall Stall);
