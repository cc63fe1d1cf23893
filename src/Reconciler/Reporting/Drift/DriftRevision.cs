namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>The revision a report compares against: the ref followed, its commit, and whether its signature was verified.</summary>
public sealed record DriftRevision(string Ref, string Commit, bool Verified);
