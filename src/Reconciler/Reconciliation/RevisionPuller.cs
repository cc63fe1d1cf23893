using GitOps.Reconciler.Source;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// The git stages of a reconcile, written once for the daemon's pass and for <c>sync</c>/<c>plan</c>: Poll (one
/// ls-remote), then Fetch (skipped by the source when the commit is already held), Verify and Materialize.
/// </summary>
public sealed class RevisionPuller(IConfigSource source, IRevisionVerifier verifier)
{
    /// <summary>Poll: where the followed ref points now.</summary>
    public Task<SourceRevision> PollAsync(CancellationToken cancellationToken) => source.ResolveRemoteAsync(cancellationToken);

    /// <summary>Fetch, Verify, Materialize; <paramref name="fetched"/> runs between Fetch and Verify (the pass notes the new commit there).</summary>
    public async Task<GoodRevision> FetchAsync(SourceRevision remote, Func<string, CancellationToken, Task>? fetched, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        await source.FetchAsync(remote, cancellationToken);
        if (fetched is not null)
        {
            await fetched(remote.Commit, cancellationToken);
        }
        var verified = await verifier.VerifyAsync(remote, cancellationToken);
        var tree = await source.MaterializeAsync(remote.Commit, cancellationToken);
        return new GoodRevision(tree, verified.Signer is not null);
    }

    /// <summary>Poll, Fetch, Verify, Materialize: the revision the ref points at, ready to plan.</summary>
    public async Task<GoodRevision> PullAsync(CancellationToken cancellationToken) =>
        await FetchAsync(await PollAsync(cancellationToken), null, cancellationToken);
}
