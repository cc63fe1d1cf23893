using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Rollout;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// Staged rollouts in the pass: a new commit goes through the rollout gate before its pull stage, and an apply of it
/// that replaces services takes the wave's lease first. A host that waits converges its current revision instead, so
/// self-heal and drift correction never wait for waves.
/// </summary>
public sealed partial class ReconcileCycle
{
    /// <summary>The fleet's staged rollout; null without a fleet store (every new commit is applied at once).</summary>
    public RolloutCoordinator? Rollout { get; init; }

    /// <summary>The rollout gate for a new revision; null when there is no rollout to follow.</summary>
    private async Task<RolloutDecision?> GateAsync(GoodRevision candidate, CancellationToken cancellationToken) =>
        Rollout is null ? null : await Rollout.GateAsync(candidate.Tree.Directory, candidate.Commit, cancellationToken);

    /// <summary>
    /// The wave's lease for applying <paramref name="planned"/> when it replaces services and the wave limits how many
    /// hosts do at once; a waiting pass (nothing applied) when the wave's leases are all held.
    /// </summary>
    private async Task<(RolloutLease? Lease, CyclePass? Waiting)> WaveLeaseAsync(
        ReconcileResult planned, GoodRevision revision, RolloutDecision? rollout, CancellationToken cancellationToken)
    {
        if (rollout is null || Rollout is null || planned is not { Status: ReconcileStatus.Converged, Plan: { } plan } || !ServiceDisruption.ReplacesServices(plan))
        {
            return (null, null);
        }
        var (lease, waiting) = await Rollout.TakeLeaseAsync(rollout, revision.Commit, cancellationToken);
        if (waiting is null)
        {
            return (lease, null);
        }
        var pass = new CyclePass(planned, plan, revision, null, BackOff: false) { Rollout = new DriftRollout(revision.Commit, rollout.Wave, waiting, Halted: false) };
        return (null, pass);
    }

    /// <summary>The new commit waits: the host converges its last good revision and the report says what it waits for.</summary>
    private async Task<CyclePass> WaitForRolloutAsync(DateTimeOffset started, DriftRollout waiting, CancellationToken cancellationToken)
    {
        // The ref moved past any stalled commit: that one is no longer what the host waits on.
        ClearStall();
        if (LastGood is not { } good)
        {
            // Nothing applied yet: an empty report, so the wait is still seen on /status and in the fleet store.
            var nothing = new ReconcileResult(options.Host, null, ReconcileStatus.Unchanged, [], null, null, null, started, time.GetUtcNow() - started);
            var empty = new Plan(options.Host, ValueList<IKindPlan>.Empty, ValueList<string>.Empty);
            return new CyclePass(nothing, empty, null, null, BackOff: false) { Rollout = waiting };
        }
        var healed = await ConvergeAsync(good, null, cancellationToken);
        return healed with { Rollout = waiting };
    }
}
