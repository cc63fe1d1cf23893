namespace GitOps.Reconciler.Source;

/// <summary>A clean directory holding exactly one commit's tree (the configured sub-path of it).</summary>
public sealed record MaterializedRevision(string Commit, string Directory);
