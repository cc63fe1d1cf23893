using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Rollout;

/// <summary>
/// The edge of staged rollouts for one host: reads the new commit's <c>rollout:</c> and the fleet store's rows, asks
/// the pure <see cref="RolloutGate"/>, and takes the wave's lease before an apply that replaces services. A store
/// that cannot be read never lets a commit through: the host waits on its current commit and says why.
/// </summary>
public sealed partial class RolloutCoordinator(IRolloutStore store, string host, TimeProvider time, ILogger<RolloutCoordinator> logger)
{
    public static readonly TimeSpan DefaultLeaseTtl = TimeSpan.FromMinutes(5);

    private string? _lastReason;

    /// <summary>How long a lease lasts unless renewed; the holder renews it every third of that while it applies.</summary>
    public TimeSpan LeaseTtl { get; init; } = DefaultLeaseTtl;

    /// <summary>The gate for <paramref name="commit"/> checked out at <paramref name="treeDirectory"/>; null when its
    /// inventory has no <c>rollout:</c> (or is invalid, which the converge reports).</summary>
    public async Task<RolloutDecision?> GateAsync(string treeDirectory, string commit, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load(new RepoDirectory(treeDirectory), diagnostics);
        if (inventory?.Policy.Rollout is not { } policy || diagnostics.HasErrors)
        {
            return null;
        }
        var hosts = inventory.Hosts.ToDictionary(h => h.Key, h => h.Value.Groups, StringComparer.Ordinal);
        RolloutDecision decision;
        try
        {
            var snapshot = await store.ReadHostsAsync(RolloutGate.EarlierHosts(policy, hosts, host), cancellationToken);
            decision = RolloutGate.Decide(policy, hosts, host, commit, snapshot.Hosts, snapshot.Now);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var wave = policy.WaveName(policy.WaveOf(hosts.GetValueOrDefault(host) ?? ValueList<string>.Empty));
            decision = new RolloutDecision(wave, Halted: false, $"waiting for the fleet store, which cannot be read ({e.GetType().Name}: {e.Message})");
        }
        Note(decision.Reason, commit);
        return decision;
    }

    /// <summary>The wave's lease for an apply that replaces services; a reason to wait when the wave's leases are all held.</summary>
    public async Task<(RolloutLease? Lease, string? Waiting)> TakeLeaseAsync(RolloutDecision decision, string commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.LeaseLimit is not { } limit)
        {
            return (null, null);
        }
        string waiting;
        try
        {
            var attempt = await store.TryTakeLeaseAsync(host, decision.Wave, commit, limit, LeaseTtl, cancellationToken);
            if (attempt.Taken)
            {
                Note(null, commit);
                LogLeaseTaken(decision.Wave, commit);
                return (new RolloutLease(store, host, LeaseTtl, time), null);
            }
            waiting = RolloutLeases.Waiting(decision.Wave, limit, attempt.Holders);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            waiting = $"waiting for a lease of wave {decision.Wave}: the fleet store cannot be written ({e.GetType().Name}: {e.Message})";
        }
        Note(waiting, commit);
        return (null, waiting);
    }

    // Said once per change, not on every poll while the host waits.
    private void Note(string? reason, string commit)
    {
        if (reason == _lastReason)
        {
            return;
        }
        if (reason is null)
        {
            LogGoingOn(commit);
        }
        else
        {
            LogWaiting(commit, reason);
        }
        _lastReason = reason;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Revision {Revision} waits for the rollout: {Reason}; the host keeps converging its current revision")]
    private partial void LogWaiting(string revision, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The rollout lets revision {Revision} through to this host")]
    private partial void LogGoingOn(string revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took a lease of wave {Wave} to apply revision {Revision}")]
    private partial void LogLeaseTaken(string wave, string revision);
}
