using System.Diagnostics;
using GitOps.Reconciler.Source;

namespace GitOps.Bench.NoOpPass;

/// <summary>The daemon's git source, timing its ls-remote so a pass's time can be told apart from the git server's.</summary>
internal sealed class TimedSource(IConfigSource inner) : IConfigSource
{
    private long _lastListing;
    private int _listings;
    private int _fetches;

    public TimeSpan LastListing => TimeSpan.FromTicks(Interlocked.Read(ref _lastListing));

    public int Listings => Volatile.Read(ref _listings);

    public int Fetches => Volatile.Read(ref _fetches);

    public async Task<SourceRevision> ResolveRemoteAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ResolveRemoteAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref _lastListing, Stopwatch.GetElapsedTime(started).Ticks);
            Interlocked.Increment(ref _listings);
        }
    }

    public Task FetchAsync(SourceRevision revision, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        return inner.FetchAsync(revision, cancellationToken);
    }

    public Task<MaterializedRevision> MaterializeAsync(string commit, CancellationToken cancellationToken) => inner.MaterializeAsync(commit, cancellationToken);

    public bool TryReuse(MaterializedRevision tree) => inner.TryReuse(tree);

    public Task<CommitDescription?> DescribeAsync(string commit, CancellationToken cancellationToken) => inner.DescribeAsync(commit, cancellationToken);

    public Task<bool?> DescendsFromAsync(string commit, string ancestor, CancellationToken cancellationToken) =>
        inner.DescendsFromAsync(commit, ancestor, cancellationToken);
}
