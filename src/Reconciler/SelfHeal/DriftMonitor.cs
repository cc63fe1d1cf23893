using System.Threading.Channels;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Actual.Events;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Stacks;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.SelfHeal;

/// <summary>
/// Keeps the drift report current between polls. On a trigger (a Docker event, see <see cref="OnContainerEvent"/>)
/// it probes and plans the host's revision — nothing is applied — and publishes the fresh report (store, metrics,
/// notifications). Then it decides self-heal: drift caused on the host in a stack with <c>selfHeal: true</c> (and the
/// host's switch on) is corrected by asking for a reconcile, spaced out per resource by <see cref="SelfHealBackoff"/>;
/// a held-back correction is reconsidered when its backoff expires. Drift from git is a deploy, left to the poll;
/// suspended stacks are reported and never corrected. Triggers coalesce: a burst of events costs one probe.
/// With a <see cref="Trust"/>, an event that can change a container in place (created, renamed, network joined or
/// left) makes the next probe inspect exactly that container, and every <see cref="DriftMonitorOptions.FullReadInterval"/>
/// a full drift read inspects every managed container, for changes no event announced.
/// </summary>
public sealed partial class DriftMonitor
{
    private readonly Func<CancellationToken, Task<CurrentPlan?>> _plan;
    private readonly DriftReportPublisher _publisher;
    private readonly SelfHealBackoff _backoff;
    private readonly IReconcileTrigger _corrections;
    private readonly DriftMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DriftMonitor> _logger;
    private readonly Channel<string> _requests = Channel.CreateBounded<string>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly Lock _gate = new();
    private DateTimeOffset? _heldUntil;
    private DateTimeOffset? _nextFullRead;

    /// <param name="plan">Probes the host and plans its current revision (the host's checkout); null when that is not possible now.</param>
    /// <param name="corrections">Where corrections go: the daemon's coalescing reconcile trigger.</param>
    public DriftMonitor(
        Func<CancellationToken, Task<CurrentPlan?>> plan,
        DriftReportPublisher publisher,
        SelfHealBackoff backoff,
        IReconcileTrigger corrections,
        DriftMonitorOptions options,
        TimeProvider time,
        ILogger<DriftMonitor> logger)
    {
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        _backoff = backoff ?? throw new ArgumentNullException(nameof(backoff));
        _corrections = corrections ?? throw new ArgumentNullException(nameof(corrections));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The containers the probe may judge by their labels; events and full drift reads take trust away.</summary>
    public ContainerTrust? Trust { get; init; }

    /// <summary>Where kills and dies go, to tell restart loops from stops.</summary>
    public CrashLoopTracker? Crashes { get; init; }

    /// <summary>Woken for every event of a managed container: the executor's health gates and depends_on waits.</summary>
    public ContainerChanges? Changes { get; init; }

    /// <summary>The agent's owner label value: events of other owners' containers never cause a refresh.</summary>
    public string? Owner { get; init; }

    /// <summary>How many full drift reads were started (each one inspects every managed container).</summary>
    public int FullReads { get; private set; }

    /// <summary>True while the daemon's reconcile runs: refreshes wait for it (it reports at its end, and its own container changes are not drift).</summary>
    public Func<bool> IsReconciling { get; init; } = () => false;

    /// <summary>Asks for a refresh soon; never waits. Requests made before the refresh starts merge into it.</summary>
    public void Request(string reason)
    {
        LogRequested(reason);
        _requests.Writer.TryWrite(reason);
    }

    /// <summary>The <see cref="DockerEventWatcher"/> callback.</summary>
    public void OnContainerEvent(ContainerEventMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (match.ChangesSpec && match.ContainerId is { } id)
        {
            // Its label proves nothing any more: the next probe inspects this container (and only it).
            Trust?.Distrust(id);
        }
        if (match.ContainerId is { } changed)
        {
            // A gate of the running pass may wait on this container: it looks again now, not at its next poll.
            Changes?.Notify(changed);
        }
        if (match.ContainerId is { } container && Crashes is { } crashes)
        {
            if (match.Kind is ContainerEventKind.Kill or ContainerEventKind.Stop)
            {
                crashes.RecordKill(container);
            }
            else if (match.Kind == ContainerEventKind.Die)
            {
                crashes.RecordDie(container, int.TryParse(match.Detail, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null);
            }
        }
        Request($"docker event: {match.Stack}/{match.Service ?? match.Container} {match.Kind.ToString().ToLowerInvariant()}");
    }

    /// <summary>
    /// A watcher of the engine's container events that feeds this monitor: each managed container's event, and after
    /// a gap in the stream (engine restarted, socket gone) one refresh, since the events of the gap may be lost.
    /// </summary>
    public DockerEventWatcher WatchEvents(IDockerSystem engine, DockerEventWatcherOptions options, ILogger<DockerEventWatcher> logger) =>
        new(engine, KnownStacks, OnContainerEvent, options, _time, logger)
        {
            Owner = Owner,
            IsOwnContainer = Trust is { } trust ? trust.Knows : null,
            OnResumed = () =>
            {
                // What happened in the gap is unknown: read everything again.
                Trust?.DistrustAll();
                Request("the engine's event stream resumed after a gap");
            },
        };

    /// <summary>The stacks of the latest report, for the watcher's filter of containers without the ownership label.</summary>
    public IReadOnlySet<string> KnownStacks() =>
        _publisher.Store.Latest?.Resources.Where(r => r.Kind == DriftKind.Stack).Select(r => r.Stack).ToHashSet(StringComparer.Ordinal)
        ?? new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Refreshes on each request (and when a held-back correction comes due) until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await WaitForWorkAsync(cancellationToken);
                StartFullReadWhenDue();
                await Task.Delay(_options.Settle, _time, cancellationToken);
                while (IsReconciling())
                {
                    await Task.Delay(_options.BusyRetry, _time, cancellationToken);
                }
                _requests.Reader.TryRead(out _);
                await RefreshAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(ex);
            }
        }
    }

    /// <summary>One refresh: probe and plan, publish the report, decide self-heal. Refreshes run one at a time.</summary>
    public async Task<DriftRefresh> RefreshAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var current = await _plan(cancellationToken);
            if (current is null)
            {
                LogNoPlan();
                return DriftRefresh.Skipped;
            }
            var now = _time.GetUtcNow();
            var report = _publisher.Publish(previous => DriftReportBuilder.Build(new DriftReportInput(current.Plan, current.Revision, now)
            {
                Previous = previous,
                LastError = previous?.LastError,
                Stall = previous?.Stalled,
                KeepsOutcomes = true,
            }), outcome: null);
            var (corrected, held) = DecideSelfHeal(current.Plan, report);
            LogRefreshed(report.Status, corrected.Count, held.Count);
            return new DriftRefresh(report, corrected, held);
        }
        finally
        {
            _pass.Release();
        }
    }

    private (IReadOnlyList<string> Corrected, IReadOnlyList<string> HeldBack) DecideSelfHeal(Plan plan, DriftReport report)
    {
        var healable = plan.Stacks
            .Where(s => s.Action == StackAction.Converge && s.Desired?.Policy.SelfHeal != false)
            .Select(s => s.Stack)
            .ToHashSet(StringComparer.Ordinal);
        var resources = report.Resources.Where(r => r.Kind != DriftKind.Stack).ToList();
        foreach (var calm in resources.Where(r => r.Status == ResourceStatus.InSync))
        {
            _backoff.RecordInSync(Key(calm));
        }
        var hostDrift = resources.Where(r => r.Differs && r.Cause == DriftCause.Host).ToList();
        var notHealed = hostDrift.Where(r => !_options.SelfHeal || !healable.Contains(r.Stack)).ToList();
        if (notHealed.Count > 0)
        {
            LogReportOnly(string.Join(", ", notHealed.Select(Key)));
        }
        var candidates = hostDrift.Except(notHealed).Select(Key).Distinct(StringComparer.Ordinal).ToList();
        var due = candidates.Where(_backoff.CanAttempt).ToList();
        var held = candidates.Except(due, StringComparer.Ordinal).ToList();
        lock (_gate)
        {
            _heldUntil = held.Count == 0 ? null : held.Min(_backoff.NextAttemptAt);
        }
        if (held.Count > 0)
        {
            LogHeldBack(string.Join(", ", held), _heldUntil!.Value);
        }
        if (due.Count > 0)
        {
            foreach (var key in due)
            {
                _backoff.RecordAttempt(key);
            }
            var reason = "self-heal: " + string.Join(", ", due);
            _corrections.Request(reason);
            LogCorrecting(reason);
        }
        return (due, held);
    }

    /// <summary>The periodic full drift read: when due, no container's label is believed on the next probe.</summary>
    private void StartFullReadWhenDue()
    {
        if (_options.FullReadInterval is not { } interval)
        {
            return;
        }
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_nextFullRead is null)
            {
                _nextFullRead = now + interval;
                return;
            }
            if (now < _nextFullRead)
            {
                return;
            }
            _nextFullRead = now + interval;
        }
        FullReads++;
        Trust?.DistrustAll();
        LogFullRead(interval);
    }

    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? wakeAt;
        lock (_gate)
        {
            if (_options.FullReadInterval is { } interval)
            {
                _nextFullRead ??= _time.GetUtcNow() + interval;
            }
            wakeAt = (_heldUntil, _nextFullRead) switch
            {
                (null, var full) => full,
                (var held, null) => held,
                (var held, var full) => held < full ? held : full,
            };
        }
        if (wakeAt is null)
        {
            await _requests.Reader.WaitToReadAsync(cancellationToken);
            return;
        }
        var wait = wakeAt.Value - _time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }
        using var due = new CancellationTokenSource(wait, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, due.Token);
        try
        {
            await _requests.Reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A held-back correction or the full drift read is due: refresh and decide again.
        }
    }

    private static string Key(DriftResource resource) => resource.Stack + "/" + resource.Name;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Drift refresh requested: {Reason}")]
    private partial void LogRequested(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No drift refresh: the host's revision could not be planned now")]
    private partial void LogNoPlan();

    [LoggerMessage(Level = LogLevel.Information, Message = "Drift refreshed: {Status}; {Corrected} corrections requested, {HeldBack} held back")]
    private partial void LogRefreshed(ReportStatus status, int corrected, int heldBack);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drift on the host reported, not corrected (self-heal off or stack suspended): {Resources}")]
    private partial void LogReportOnly(string resources);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Self-heal of {Resources} held back by its backoff until {NextAttempt}")]
    private partial void LogHeldBack(string resources, DateTimeOffset nextAttempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Requesting a corrective reconcile ({Reason})")]
    private partial void LogCorrecting(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Full drift read (every {Interval}): every managed container is inspected")]
    private partial void LogFullRead(TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Error, Message = "A drift refresh failed; the next event or poll tries again")]
    private partial void LogRefreshFailed(Exception exception);
}
