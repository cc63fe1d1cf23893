namespace GitOps.Reconciler.Source;

/// <summary>What people recognise a commit by: its subject line and its author (<c>Name &lt;email&gt;</c>).</summary>
public sealed record CommitDescription(string Commit, string Subject, string Author);
