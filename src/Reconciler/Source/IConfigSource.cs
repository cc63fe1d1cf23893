namespace GitOps.Reconciler.Source;

/// <summary>
/// The config repository as the reconcile loop sees it: Poll (<see cref="ResolveRemoteAsync"/>), Fetch, and
/// a clean checkout of one commit. Failures are <see cref="SourceException"/>s with a reason.
/// </summary>
public interface IConfigSource
{
    /// <summary>Asks the remote where the followed ref points (an ls-remote; no objects are transferred).</summary>
    Task<SourceRevision> ResolveRemoteAsync(CancellationToken cancellationToken);

    /// <summary>Makes the revision's objects available locally; fetches only when they are not there yet.</summary>
    Task FetchAsync(SourceRevision revision, CancellationToken cancellationToken);

    /// <summary>A directory with exactly the tree of <paramref name="commit"/> (the configured sub-path of it).</summary>
    Task<MaterializedRevision> MaterializeAsync(string commit, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a tree this source materialized before as the most recently used, without opening the clone, when it is
    /// still on disk; false when it is not (removed by hand, pruned), and <see cref="MaterializeAsync"/> must bring it back.
    /// </summary>
    bool TryReuse(MaterializedRevision tree) => false;

    /// <summary>The subject line and author of a fetched commit; null when it is not held locally.</summary>
    Task<CommitDescription?> DescribeAsync(string commit, CancellationToken cancellationToken) => Task.FromResult<CommitDescription?>(null);

    /// <summary>Whether <paramref name="commit"/> descends from (or is) <paramref name="ancestor"/>; null when either is not held locally.</summary>
    Task<bool?> DescendsFromAsync(string commit, string ancestor, CancellationToken cancellationToken) => Task.FromResult<bool?>(null);
}
