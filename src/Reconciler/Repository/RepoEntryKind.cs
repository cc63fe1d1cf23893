namespace GitOps.Reconciler.Repository;

/// <summary>What a path of the repository is, with symlinks followed.</summary>
public enum RepoEntryKind
{
    Missing,
    File,
    Directory,

    /// <summary>Present but not readable as either: a symlink loop, a dangling link, or no permission.</summary>
    Unreadable,
}
