namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>A commit as people recognise it: its id with the subject line and author (null when git cannot tell).</summary>
public sealed record DriftCommit(string Commit, string? Subject, string? Author);
