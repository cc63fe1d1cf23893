using GitOps.Reconciler.Reporting.Drift;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>What the report says about revisions: the attempted and applied commits, and history rewrites.</summary>
public sealed partial class ReconcileCycle
{
    /// <summary>
    /// A new commit was fetched: it is the attempted revision now; when it does not descend from the commit seen before,
    /// the ref's history was rewritten (a force-push), which is logged, reported and notified.
    /// </summary>
    private async Task NoteNewCommitAsync(string commit, CancellationToken cancellationToken)
    {
        var previous = _lastSeen ?? LastGood?.Commit;
        _lastSeen = commit;
        var rewrite = Revisions.HistoryRewrite;
        if (previous is not null && previous != commit)
        {
            var descends = await source.DescendsFromAsync(commit, previous, cancellationToken);
            if (descends == false)
            {
                LogHistoryRewrite(previous, commit);
                rewrite = new DriftHistoryRewrite(previous, commit, time.GetUtcNow());
            }
            else if (descends == true)
            {
                rewrite = null;
            }
        }
        Revisions = Revisions with { LastAttempted = await DescribeAsync(commit, cancellationToken), HistoryRewrite = rewrite };
    }

    private async Task<DriftCommit> DescribeAsync(string commit, CancellationToken cancellationToken)
    {
        var described = await source.DescribeAsync(commit, cancellationToken);
        return new DriftCommit(commit, described?.Subject, described?.Author);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "History rewrite: the ref moved from {Previous} to {Revision}, which does not descend from it (a force-push)")]
    private partial void LogHistoryRewrite(string previous, string revision);
}
