namespace GitOps.Reconciler.Configuration;

/// <summary>The ref the agent follows: a branch, a tag, or a pinned full commit id.</summary>
public sealed record GitRef(GitRefKind Kind, string Name)
{
    public static readonly GitRef DefaultBranch = new(GitRefKind.Branch, "main");

    public static GitRef Branch(string name) => new(GitRefKind.Branch, name);

    public static GitRef Tag(string name) => new(GitRefKind.Tag, name);

    public static GitRef Commit(string id) => new(GitRefKind.Commit, id);

    /// <summary>The full remote ref name (<c>refs/heads/x</c>, <c>refs/tags/x</c>); null for a pinned commit.</summary>
    public string? RemoteRefName => Kind switch
    {
        GitRefKind.Branch => "refs/heads/" + Name,
        GitRefKind.Tag => "refs/tags/" + Name,
        _ => null,
    };

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Name}";
}
