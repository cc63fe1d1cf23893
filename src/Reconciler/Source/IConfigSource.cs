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
}
