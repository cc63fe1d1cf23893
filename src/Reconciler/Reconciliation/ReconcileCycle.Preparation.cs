using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Source;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// The preparing part of a pass: the git stages and the pull stage of a new revision. None of it changes a container,
/// so it runs outside the host lock, and the daemon heals the last good revision meanwhile
/// (<see cref="HealWhilePreparingAsync"/>): self-heal never waits behind a git call or a pull.
/// </summary>
public sealed partial class ReconcileCycle
{
    /// <summary>
    /// True when a self-heal may converge the last good revision while a pass prepares: this process converged the host
    /// to that revision last, so healing it undoes nothing newer (after a restart mid-deploy it may be older than what
    /// runs, and the correction waits for the pass).
    /// </summary>
    public bool CanHealWhilePreparing => LastGood is { } good && Volatile.Read(ref _hostRevision) == good.Commit;

    /// <summary>Poll, then Fetch, Verify and Materialize when the ref moved, then the pull stage of the revision to deploy.</summary>
    public async Task<PassPreparation> PrepareAsync(bool requested, CancellationToken cancellationToken)
    {
        var prepared = new PassPreparation(time.GetUtcNow(), requested);
        await RestoreAsync(cancellationToken);
        SourceRevision remote;
        try
        {
            remote = await WatchedAsync("ls-remote origin", () => PollAsync(cancellationToken));
            _lastPolled = remote.Commit;
        }
        catch (SourceException ex)
        {
            LogFetchFailed(ex.Message);
            return prepared with { SourceError = ex.Message };
        }
        if (Stalled is { } stalled && stalled.Commit == remote.Commit)
        {
            LogStillStalled(remote.ShortCommit, stalled.Stall.Reason);
            return prepared with { StillStalled = true };
        }
        if (LastGood is { } good && good.Commit == remote.Commit)
        {
            // Only a retry of a failed converge pulls first: an unchanged revision plans once, under the lock.
            var retry = _retryCommit == good.Commit && (requested || RetryAt is not { } at || time.GetUtcNow() >= at);
            return prepared with { Revision = good, Pulled = retry ? await PullStageAsync(good, cancellationToken) : null };
        }
        GoodRevision candidate;
        try
        {
            candidate = await WatchedAsync("fetch from origin", () => FetchVerifyMaterializeAsync(remote, cancellationToken));
        }
        catch (SourceException ex) when (ex.Reason == SourceFailure.FetchFailed)
        {
            LogFetchFailed(ex.Message);
            return prepared with { SourceError = ex.Message };
        }
        catch (SourceException ex)
        {
            var status = ex.Reason == SourceFailure.VerificationFailed ? ReconcileStatus.VerificationFailed : ReconcileStatus.ValidationFailed;
            var refused = new ReconcileResult(options.Host, remote.Commit, status, [], null, null, ex.Message, prepared.Started, time.GetUtcNow() - prepared.Started);
            return prepared with { Refused = refused };
        }
        var rollout = await GateAsync(candidate, cancellationToken);
        if (rollout is { Proceed: false })
        {
            // Nothing is pulled while the commit waits for its wave: the pass converges the current revision.
            return prepared with { Revision = candidate, IsNew = true, Rollout = rollout };
        }
        return prepared with { Revision = candidate, IsNew = true, Rollout = rollout, Pulled = await PullStageAsync(candidate, cancellationToken) };
    }

    /// <summary>
    /// A self-heal correction while a pass prepares (see <see cref="CanHealWhilePreparing"/>): converges the last good
    /// revision under the host lock, with no git call and no pull of the revision being prepared.
    /// </summary>
    public async Task<ReconcileResult> HealWhilePreparingAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var good = LastGood ?? throw new InvalidOperationException("no last good revision to heal");
        // A correction retries at once; the prepared pass sets its own flag when it completes.
        _requested = true;
        var pass = await ConvergeAsync(good, null, cancellationToken);
        if (Stalled is { } stalled && !pass.Result.Failed)
        {
            // Still stalled on a newer commit: the report keeps saying so while the host is healed.
            pass = pass with { Result = pass.Result with { Status = stalled.Status, Error = stalled.Stall.Reason }, Error = stalled.Stall.Reason };
        }
        return await FinishAsync(pass, started, healOnly: true, cancellationToken);
    }

    /// <summary>Poll: one ls-remote.</summary>
    private Task<SourceRevision> PollAsync(CancellationToken cancellationToken)
    {
        reporter.GitRequest("ls-remote");
        return _puller.PollAsync(cancellationToken);
    }

    /// <summary>Fetch (skipped by the source when the commit is already held), Verify, Materialize.</summary>
    private async Task<GoodRevision> FetchVerifyMaterializeAsync(SourceRevision remote, CancellationToken cancellationToken)
    {
        LogNewRevision(remote.ShortCommit, LastGood?.Commit);
        reporter.GitRequest("fetch");
        return await _puller.FetchAsync(remote, NoteNewCommitAsync, cancellationToken);
    }

    /// <summary>
    /// A git call that is shown as the pass's step once it lasts longer than <see cref="ReconcileCycleOptions.SlowStepAfter"/>
    /// (a quick poll never makes the report flap); the step is cleared when the call ends, however it ends.
    /// </summary>
    private async Task<T> WatchedAsync<T>(string step, Func<Task<T>> call)
    {
        var since = time.GetUtcNow();
        var shown = 0;
        using var slow = time.CreateTimer(
            _ =>
            {
                Volatile.Write(ref shown, 1);
                reporter.Ongoing(new DriftStep(step, since));
            },
            null, options.SlowStepAfter, Timeout.InfiniteTimeSpan);
        try
        {
            return await call();
        }
        finally
        {
            await slow.DisposeAsync();
            if (Volatile.Read(ref shown) == 1)
            {
                reporter.Ongoing(null);
            }
        }
    }

    /// <summary>
    /// The pull stage: plans the revision (reading only) and pulls the images its changes need, showing the pass as
    /// converging with each pull as its step. A failed pull is not retried by the apply, which fails that service with
    /// it; anything else that goes wrong here is left to the apply, which pulls for itself.
    /// </summary>
    private async Task<PulledImages?> PullStageAsync(GoodRevision revision, CancellationToken cancellationToken)
    {
        try
        {
            var planned = await reconciler.PlanAsync(new RepoDirectory(revision.Tree.Directory), options.Host, revision.Commit, fullDrift: false, cancellationToken);
            if (planned.Status != ReconcileStatus.Converged || planned.Plan is not { } plan)
            {
                return null;
            }
            var converging = 0;
            var progress = new StepProgress(step =>
            {
                if (Interlocked.Exchange(ref converging, 1) == 0)
                {
                    reporter.Converging(plan, revision, Revisions, step);
                }
                reporter.Ongoing(step);
            }, time);
            try
            {
                return await reconciler.PullAsync(planned, progress, cancellationToken);
            }
            finally
            {
                reporter.Ongoing(null);
            }
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            LogPullStageFailed(revision.Commit, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pull stage of revision {Revision} failed ({Error}); the apply pulls for itself")]
    private partial void LogPullStageFailed(string revision, string error);
}
