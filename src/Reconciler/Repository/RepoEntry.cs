namespace GitOps.Reconciler.Repository;

/// <summary>One entry of a repository directory: its repo-relative path, its name and what it is.</summary>
/// <param name="Problem">Why an <see cref="RepoEntryKind.Unreadable"/> entry cannot be read; null otherwise.</param>
public sealed record RepoEntry(string Path, string Name, RepoEntryKind Kind, string? Problem = null)
{
    public bool IsHidden => Name.StartsWith('.');
}
