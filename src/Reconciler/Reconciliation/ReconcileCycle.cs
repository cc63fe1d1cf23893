using GitOps.Reconciler.Lease;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// One daemon pass, read as its pipeline: Poll, Fetch (only when the ref moved), Verify, Materialize and the pull
/// stage of a new revision (the preparing part, <see cref="PrepareAsync"/>, outside the host lock), then LoadDesired,
/// ProbeActual, Plan and Apply through <see cref="HostReconciler"/> under the host's reconcile lock, and Report
/// (<see cref="CompleteAsync"/>). When git has not moved the pass is a drift check that corrects the host (self-heal).
/// A commit that fails Verify or validation is Stalled: nothing of it is applied, it is not retried until the
/// ref moves, and meanwhile the host keeps converging to the last good revision. Fetch and engine failures
/// count as consecutive failures, which the scheduler turns into backoff (<see cref="PollDelay"/>).
/// </summary>
public sealed partial class ReconcileCycle(
    IConfigSource source,
    IRevisionVerifier verifier,
    IHostReconciler reconciler,
    IStateStore state,
    IPassReporter reporter,
    IStalledRevisionStore stalledStore,
    ReconcileCycleOptions options,
    TimeProvider time,
    ILogger<ReconcileCycle> logger)
{
    private readonly RevisionPuller _puller = new(source, verifier);
    private bool _restored;
    private bool _rebuiltReported;
    private int _failures;
    private int _sourceFailures;
    private int _retryFailures;
    private string? _retryCommit;
    private string? _retryError;
    private bool _requested;
    private string? _lastSeen;
    private string? _lastPolled;
    private string? _hostRevision;

    /// <summary>The applied and attempted revisions (subject, author) and the latest history rewrite, for the report.</summary>
    public ReportRevisions Revisions { get; private set; } = ReportRevisions.None;

    /// <summary>The lease on this agent's owner; without one (tests, tools) the pass applies unconditionally.</summary>
    public OwnerLease? Lease { get; init; }

    /// <summary>Failed passes in a row (fetch, engine, apply); zero after a pass that worked.</summary>
    public int ConsecutiveFailures => _failures;

    /// <summary>Passes in a row where the git source failed: what slows the polls down.</summary>
    public int SourceFailures => _sourceFailures;

    /// <summary>When the revision whose apply failed is tried again by a timed pass; null when nothing waits.</summary>
    public DateTimeOffset? RetryAt { get; private set; }

    private int _converging;

    /// <summary>True while a pass plans or applies on the host (under the host lock); false during its git calls and its
    /// pull stage, so event-driven drift refreshes wait only for changes to the host, never for a slow or hung git server
    /// or registry.</summary>
    public bool IsConverging => Volatile.Read(ref _converging) == 1;

    /// <summary>The revision self-heal converges to; null before any revision was valid.</summary>
    public GoodRevision? LastGood { get; private set; }

    /// <summary>The commit not retried until the ref moves; null when nothing is stalled.</summary>
    public StalledRevision? Stalled { get; private set; }

    /// <summary>A pass someone asked for (a request, a self-heal correction): it retries a failed revision at once.</summary>
    public Task<ReconcileResult> RunAsync(CancellationToken cancellationToken) => RunAsync(requested: true, cancellationToken);

    /// <param name="requested">False for a timed poll: a revision whose apply failed is then only retried once its
    /// backoff expired, while a new commit is always taken at once.</param>
    public async Task<ReconcileResult> RunAsync(bool requested, CancellationToken cancellationToken) =>
        await CompleteAsync(await PrepareAsync(requested, cancellationToken), cancellationToken);

    /// <summary>
    /// A self-heal correction: converges the last good revision without any git call, so a git server that hangs (or a
    /// slow fetch) never delays putting the host back; a new commit is left to the next poll. Without a last good
    /// revision this is an ordinary requested pass.
    /// </summary>
    public async Task<ReconcileResult> HealAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        await RestoreAsync(cancellationToken);
        // Only once this process has seen where the ref points, and nothing newer than the last good revision waits:
        // otherwise the last good revision may be older than what should run (a deploy interrupted by a restart).
        if (LastGood is not { } good || _lastPolled is null || (_lastPolled != good.Commit && _lastPolled != Stalled?.Commit))
        {
            return await RunAsync(requested: true, cancellationToken);
        }
        _requested = true;
        var pass = await ConvergeAsync(good, null, cancellationToken);
        if (Stalled is { } stalled && !pass.Result.Failed)
        {
            // Still stalled on a newer commit: the report keeps saying so while the host is healed.
            pass = pass with { Result = pass.Result with { Status = stalled.Status, Error = stalled.Stall.Reason }, Error = stalled.Stall.Reason };
        }
        return await FinishAsync(pass, started, healOnly: true, cancellationToken);
    }

    /// <summary>
    /// The host side of a pass whose git stages (and pulls) were prepared by <see cref="PrepareAsync"/>: Converge under
    /// the host lock, then Report. A revision that failed Verify or validation is stalled here, and the last good
    /// revision becomes the new one here, so self-heals run while the pass was preparing saw neither change.
    /// </summary>
    public async Task<ReconcileResult> CompleteAsync(PassPreparation prepared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        _requested = prepared.Requested;
        var pass = await CompletePassAsync(prepared, cancellationToken);
        return await FinishAsync(pass, prepared.Started, healOnly: false, cancellationToken);
    }

    private async Task<ReconcileResult> FinishAsync(CyclePass pass, DateTimeOffset started, bool healOnly, CancellationToken cancellationToken)
    {
        pass = WithStorage(pass);
        // A heal makes no git call, so it says nothing about the git server's health.
        if (!healOnly)
        {
            _sourceFailures = pass.SourceFailed ? _sourceFailures + 1 : 0;
        }
        if (!pass.Waiting)
        {
            _failures = pass.BackOff ? _failures + 1 : 0;
            ScheduleRetry(pass);
        }
        if (!pass.Waiting && !pass.ConvergeFailed && pass.Against is { } applied && Revisions.LastApplied?.Commit != applied.Commit
            && pass.Result.Status is not (ReconcileStatus.ValidationFailed or ReconcileStatus.VerificationFailed or ReconcileStatus.Refused or ReconcileStatus.HealthCheckFailed))
        {
            Revisions = Revisions with { LastApplied = await DescribeAsync(applied.Commit, cancellationToken) };
        }
        reporter.Report(pass, Stalled?.Stall, LastGood, time.GetUtcNow() - started, Revisions);
        return pass.Result;
    }

    private async Task<CyclePass> CompletePassAsync(PassPreparation prepared, CancellationToken cancellationToken)
    {
        var started = prepared.Started;
        if (prepared.SourceError is { } error)
        {
            return await SelfHealAsync(started, ReconcileStatus.FetchFailed, error, cancellationToken);
        }
        if (prepared.StillStalled && Stalled is { } stalled)
        {
            return await SelfHealAsync(started, stalled.Status, stalled.Stall.Reason, cancellationToken);
        }
        if (prepared.Refused is { } refused)
        {
            await reconciler.RecordAsync(refused, cancellationToken);
            Stall(ReconcileCycleReporter.StallOf(refused));
            return await SelfHealAsync(started, refused.Status, refused.Error ?? "refused", cancellationToken);
        }
        var revision = prepared.Revision ?? throw new InvalidOperationException("a prepared pass without a revision");
        if (!prepared.IsNew)
        {
            ClearStall();
            return await ConvergeAsync(revision, prepared.Pulled, cancellationToken);
        }
        if (prepared.Rollout is { Proceed: false } gate)
        {
            return await WaitForRolloutAsync(started, new DriftRollout(revision.Commit, gate.Wave, gate.Reason!, gate.Halted), cancellationToken);
        }
        var pass = await ConvergeAsync(revision, prepared.Pulled, prepared.Rollout, cancellationToken);
        if (pass.Rollout is { } leaseWait)
        {
            return await WaitForRolloutAsync(started, leaseWait, cancellationToken);
        }
        if (pass.Result.Status == ReconcileStatus.ValidationFailed)
        {
            Stall(ReconcileCycleReporter.StallOf(pass.Result));
            return await SelfHealAsync(started, ReconcileStatus.ValidationFailed, pass.Result.Error ?? "invalid revision", cancellationToken);
        }
        LastGood = revision;
        ClearStall();
        return pass;
    }

    /// <summary>
    /// A state directory that cannot be written (state store, report) fails the pass that found it, though the host
    /// was converged from memory; a state store rebuilt at start (local holds and suspensions lost) is said once.
    /// </summary>
    private CyclePass WithStorage(CyclePass pass)
    {
        var problems = new List<string>();
        if (!_rebuiltReported && state.Opening is { Kind: StateStoreOpenKind.Rebuilt } rebuilt)
        {
            _rebuiltReported = true;
            problems.Add($"the state store was unreadable ({rebuilt.Reason}) and was moved aside to {rebuilt.MovedAside}; "
                + "local suspensions, rollback holds and history were lost");
        }
        var failure = state.WriteFailure ?? reporter.SaveFailure;
        if (failure is not null)
        {
            LogStorageFailed(failure);
            problems.Add(failure);
        }
        if (problems.Count == 0)
        {
            return pass;
        }
        var error = string.Join("; ", problems.Prepend(pass.Error).OfType<string>());
        var status = failure is not null && !pass.Result.Failed ? ReconcileStatus.StorageFailed : pass.Result.Status;
        return pass with { Result = pass.Result with { Status = status, Error = error }, Error = error };
    }

    /// <summary>LoadDesired, ProbeActual, Plan, Apply under the host lock; re-plans after changes so the report shows the result.</summary>
    private Task<CyclePass> ConvergeAsync(GoodRevision revision, PulledImages? pulled, CancellationToken cancellationToken) =>
        ConvergeAsync(revision, pulled, null, cancellationToken);

    /// <param name="rollout">The rollout gate's decision that let a new revision through: its apply takes the wave's lease.</param>
    private async Task<CyclePass> ConvergeAsync(GoodRevision revision, PulledImages? pulled, Rollout.RolloutDecision? rollout, CancellationToken cancellationToken)
    {
        if (!_requested && _retryCommit == revision.Commit && RetryAt is { } retryAt && time.GetUtcNow() < retryAt)
        {
            LogRetryWaiting(revision.Commit, retryAt);
            var waiting = new ReconcileResult(options.Host, revision.Commit, ReconcileStatus.ApplyFailed, [], null, null, _retryError, time.GetUtcNow(), TimeSpan.Zero);
            return new CyclePass(waiting, null, revision, _retryError, BackOff: true) { Waiting = true };
        }
        Volatile.Write(ref _converging, 1);
        try
        {
            return await ConvergeLockedAsync(revision, pulled, rollout, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _converging, 0);
        }
    }

    private async Task<CyclePass> ConvergeLockedAsync(GoodRevision revision, PulledImages? pulled, Rollout.RolloutDecision? rollout, CancellationToken cancellationToken)
    {
        using var held = await ReconcileLock.AcquireAsync(options.StateDirectory, options.LockTimeout, time, cancellationToken);
        revision = await EnsureTreeAsync(revision, cancellationToken);
        var lease = Lease is null ? LeaseState.Granted : await Lease.EnsureAsync(cancellationToken);
        var repo = new RepoDirectory(revision.Tree.Directory);
        // Planned again although a new revision's pull stage planned it already: that plan was made outside the lock, and a
        // correction, a `sync` or a hand change may have changed the host since. What is applied is planned under the lock.
        var planned = await reconciler.PlanAsync(repo, options.Host, revision.Commit, fullDrift: false, cancellationToken);
        if (!lease.Held)
        {
            // Another agent manages this owner: show what differs, change nothing, say why.
            LogNotHolder(lease.Reason!);
            var refused = planned with { Status = planned.Status == ReconcileStatus.Converged ? ReconcileStatus.Refused : planned.Status, Error = lease.Reason };
            var recorded = await reconciler.RecordAsync(refused, cancellationToken);
            return new CyclePass(recorded, refused.Plan, revision, lease.Reason, BackOff: false);
        }
        var (waveLease, waitForLease) = await WaveLeaseAsync(planned, revision, rollout, cancellationToken);
        if (waitForLease is not null)
        {
            return waitForLease;
        }
        // Held until the apply (with its health gates) and the re-plan are done; renewed meanwhile.
        await using var heldLease = waveLease;
        if (planned.Status != ReconcileStatus.ValidationFailed)
        {
            Volatile.Write(ref _hostRevision, revision.Commit);
        }
        ReconcileResult result;
        if (planned.Status == ReconcileStatus.Converged && planned.Plan is { } changes)
        {
            // Seen on /status while the apply lasts: converging towards this revision, and the step it is in.
            reporter.Converging(changes, revision, Revisions, new DriftStep("apply", time.GetUtcNow()));
            result = await reconciler.ApplyAsync(planned with { Pulled = pulled, RetireInBackground = true }, new StepProgress(reporter, time), cancellationToken);
        }
        else
        {
            // Nothing to apply (no changes, invalid, refused, engine away): recorded as planned.
            result = await reconciler.RecordAsync(planned, cancellationToken);
        }
        Plan? after = result.Plan;
        if (result.Applied is not null && result.Status is not ReconcileStatus.Unchanged)
        {
            // Deliberate: the report shows the host as the apply left it (new containers renamed into place, a start-first
            // replace's old ones retiring, rolled-back services), which only a fresh probe knows.
            after = (await reconciler.PlanAsync(repo, options.Host, revision.Commit, fullDrift: false, cancellationToken)).Plan ?? result.Plan;
        }
        var backOff = result.Status is ReconcileStatus.ProbeFailed or ReconcileStatus.ApplyFailed;
        return new CyclePass(result, after, revision, result.Error, backOff) { ConvergeFailed = backOff };
    }

    /// <summary>
    /// Makes sure the revision's tree is on disk before using it, and marks it the most recently used, so the trees of
    /// invalid commits that follow never evict it. A tree still on disk is only marked (no clone opened: what every pass
    /// on an unchanged commit does); one that was removed is materialized again from the object database.
    /// </summary>
    private async Task<GoodRevision> EnsureTreeAsync(GoodRevision revision, CancellationToken cancellationToken)
    {
        if (source.TryReuse(revision.Tree))
        {
            return revision;
        }
        try
        {
            var tree = await source.MaterializeAsync(revision.Commit, cancellationToken);
            if (LastGood is { } good && good.Commit == revision.Commit)
            {
                LastGood = good with { Tree = tree };
            }
            return revision with { Tree = tree };
        }
        catch (SourceException ex) when (Directory.Exists(revision.Tree.Directory))
        {
            // The object database lost the commit but its tree is still on disk: that tree is exactly the commit.
            LogRematerializeFailed(revision.Commit, ex.Message);
            return revision;
        }
    }

    /// <summary>The source failed or is stalled: record that, and keep the host on the last good revision.</summary>
    private async Task<CyclePass> SelfHealAsync(DateTimeOffset started, ReconcileStatus status, string error, CancellationToken cancellationToken)
    {
        var backOff = status == ReconcileStatus.FetchFailed;
        if (status == ReconcileStatus.FetchFailed)
        {
            var failed = new ReconcileResult(options.Host, null, status, [], null, null, error, started, time.GetUtcNow() - started);
            await reconciler.RecordAsync(failed, cancellationToken);
        }
        if (LastGood is not { } good)
        {
            var nothing = new ReconcileResult(options.Host, Stalled?.Commit, status, Stalled is null ? [] : ReconcileCycleReporter.DiagnosticsOf(Stalled.Stall), null, null, error, started, time.GetUtcNow() - started);
            return new CyclePass(nothing, null, null, error, backOff) { SourceFailed = backOff };
        }
        var healed = await ConvergeAsync(good, null, cancellationToken);
        var combined = healed.Result.Failed ? error + "; " + healed.Result.Error : error;
        return healed with
        {
            Result = healed.Result with { Status = status, Error = combined },
            Error = combined,
            BackOff = backOff || healed.BackOff,
            SourceFailed = backOff,
        };
    }

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        if (_restored)
        {
            return;
        }
        _restored = true;
        Stalled = stalledStore.Load();
        var known = state.GetHostRevisions(options.Host);
        if (known?.Attempted is { } attempted)
        {
            _lastSeen = attempted;
            Revisions = Revisions with { LastAttempted = await DescribeAsync(attempted, cancellationToken) };
        }
        if (known?.Applied is not { } applied)
        {
            return;
        }
        Revisions = Revisions with { LastApplied = await DescribeAsync(applied, cancellationToken) };
        try
        {
            var tree = await source.MaterializeAsync(applied, cancellationToken);
            LastGood = new GoodRevision(tree, reporter.WasVerified(applied));
            LogRestored(LastGood.Commit);
        }
        catch (SourceException ex)
        {
            LogRestoreFailed(applied, ex.Message);
        }
    }

    private void Stall(StalledRevision stalled)
    {
        Stalled = stalled;
        stalledStore.Save(stalled);
        LogStalled(stalled.Commit, stalled.Status, stalled.Stall.Reason);
    }

    private void ClearStall()
    {
        if (Stalled is null)
        {
            return;
        }
        Stalled = null;
        stalledStore.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not applying: {Reason}")]
    private partial void LogNotHolder(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The state directory cannot be written: {Failure}; converging from memory")]
    private partial void LogStorageFailed(string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "New revision {Revision} (was {Previous})")]
    private partial void LogNewRevision(string revision, string? previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Git source failed: {Error}; keeping the last good revision")]
    private partial void LogFetchFailed(string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Revision {Revision} is stalled ({Status}): {Reason}; it is not retried until a new commit")]
    private partial void LogStalled(string revision, ReconcileStatus status, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Revision {Revision} is still stalled: {Reason}")]
    private partial void LogStillStalled(string revision, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revision {Revision} could not be materialized again: {Error}; using its tree on disk")]
    private partial void LogRematerializeFailed(string revision, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored the last applied revision {Revision} for self-heal")]
    private partial void LogRestored(string revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last applied revision {Revision} could not be restored: {Error}")]
    private partial void LogRestoreFailed(string revision, string error);
}
