using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>The retry of a revision whose converge failed: it waits (doubling, capped) while new commits never do.</summary>
public sealed partial class ReconcileCycle
{
    /// <summary>After a failed converge the same revision waits (doubling, capped); a converge that worked clears that.</summary>
    private void ScheduleRetry(CyclePass pass)
    {
        if (pass.Against is not { } against)
        {
            return;
        }
        if (!pass.ConvergeFailed)
        {
            (_retryCommit, _retryFailures, _retryError, RetryAt) = (null, 0, null, null);
            return;
        }
        _retryFailures = against.Commit == _retryCommit ? _retryFailures + 1 : 1;
        _retryCommit = against.Commit;
        _retryError = pass.Error;
        RetryAt = time.GetUtcNow() + PollDelay.RetryDelay(options.RetryBase, _retryFailures, options.RetryMax);
        LogRetryScheduled(against.Tree.Commit, RetryAt.Value, _retryFailures);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revision {Revision} failed to converge ({Failures} in a row); retrying it at {RetryAt} unless a new commit arrives first")]
    private partial void LogRetryScheduled(string revision, DateTimeOffset retryAt, int failures);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Revision {Revision} waits for its retry at {RetryAt}")]
    private partial void LogRetryWaiting(string revision, DateTimeOffset retryAt);
}
