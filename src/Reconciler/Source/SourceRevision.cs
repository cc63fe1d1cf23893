namespace GitOps.Reconciler.Source;

/// <summary>What the followed ref points at: a commit, and for an annotated tag the tag object too.</summary>
/// <param name="Commit">Full commit id.</param>
/// <param name="RefName">The remote ref that was resolved (<c>refs/heads/main</c>); null for a pinned commit.</param>
/// <param name="TagObject">The annotated tag object id when the ref is an annotated tag, else null.</param>
public sealed record SourceRevision(string Commit, string? RefName, string? TagObject = null)
{
    public string ShortCommit => Commit.Length > 12 ? Commit[..12] : Commit;
}
