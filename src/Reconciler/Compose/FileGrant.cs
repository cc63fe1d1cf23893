namespace GitOps.Reconciler.Compose;

public enum GrantSource
{
    /// <summary>Content comes from a file in the repository (an absolute path after loading).</summary>
    File,

    /// <summary>Content comes from a variable of the stack's environment.</summary>
    Environment,

    /// <summary>Content is written inline in the compose file (<c>configs.&lt;name&gt;.content</c>); the reference is <c>config:&lt;name&gt;</c>.</summary>
    Content,
}

/// <summary>
/// A secret or config handed to a container as a read-only file. <see cref="ContentSha256"/> identifies
/// the content so a change is visible without ever holding the secret value in a plan or report.
/// </summary>
public sealed record FileGrant(
    string Name,
    string Target,
    GrantSource Source,
    string SourceRef,
    string ContentSha256,
    string? Uid = null,
    string? Gid = null,
    int? Mode = null) : IComparable<FileGrant>
{
    public int CompareTo(FileGrant? other) => other is null ? 1 : string.CompareOrdinal(Target, other.Target);

    public override string ToString() => $"{Name} -> {Target} (sha256:{ContentSha256[..Math.Min(12, ContentSha256.Length)]})";
}
