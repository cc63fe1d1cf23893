using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Fleet;

/// <summary>
/// Carries this host's reports to the fleet store without ever holding up a pass: <see cref="Published"/> only keeps
/// the newest report (a pass's end, or a status change such as converging), and <see cref="RunAsync"/> writes it in
/// the background. When the store is down the report waits, a warning is logged once per outage, the failure
/// is counted, and the write is retried with backoff; the newest report, not a queue, is what reaches the store
/// when it is back.
/// </summary>
public sealed partial class FleetReporter(
    IFleetStore store, string host, string agentVersion, TimeSpan pollInterval, TimeProvider time, ILogger<FleetReporter> logger)
    : IDriftReportSubscriber
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();
    private FleetEntry? _pending;
    private string? _lastOffered;
    private bool _migrated;
    private int _failures;

    public FleetMetrics? Metrics { get; init; }

    /// <summary>The longest wait between two retries (tests shorten it).</summary>
    public TimeSpan RetryCap { get; init; } = MaxRetry;

    /// <summary>Writes that failed since the last one that succeeded.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    public void Published(DriftReport? previous, DriftReport current, ReconcileOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(current);
        var status = FleetEntry.StatusName(current.Status);
        lock (_gate)
        {
            // A pass's end always counts (it is the heartbeat); between passes only a new status is news.
            if (outcome is null && status == _lastOffered)
            {
                return;
            }
            _lastOffered = status;
            _pending = FleetEntry.From(host, current, agentVersion, pollInterval);
        }
        Metrics?.Pending(true);
        Wake();
    }

    /// <summary>Writes reports as they come until <paramref name="cancellationToken"/> ends.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await _wake.WaitAsync(cancellationToken);
            while (!await TryWriteAsync(cancellationToken))
            {
                await Task.Delay(Backoff(_failures), time, cancellationToken);
            }
        }
    }

    /// <summary>Writes the newest pending report, if any; false when the store refused or could not be reached.</summary>
    public async Task<bool> TryWriteAsync(CancellationToken cancellationToken)
    {
        FleetEntry? entry;
        lock (_gate)
        {
            entry = _pending;
        }
        if (entry is null)
        {
            return true;
        }
        try
        {
            if (!_migrated)
            {
                await store.MigrateAsync(cancellationToken);
                _migrated = true;
            }
            await store.WriteAsync(entry, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (Interlocked.Increment(ref _failures) == 1)
            {
                LogStoreDown(host, e.GetType().Name, e.Message);
            }
            Metrics?.Failed();
            return false;
        }
        lock (_gate)
        {
            if (ReferenceEquals(_pending, entry))
            {
                _pending = null;
            }
        }
        if (Interlocked.Exchange(ref _failures, 0) > 0)
        {
            LogStoreBack(host);
        }
        Metrics?.Written();
        Metrics?.Pending(Volatile.Read(ref _pending) is not null);
        return true;
    }

    /// <summary>1 s, 2 s, 4 s ... up to <see cref="RetryCap"/>.</summary>
    public TimeSpan Backoff(int failures)
    {
        var seconds = FirstRetry.TotalSeconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 16));
        return TimeSpan.FromSeconds(Math.Min(seconds, RetryCap.TotalSeconds));
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: the writer takes the newest report when it gets to it.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The fleet store cannot be written for host {Host} ({Error}: {Message}); converging goes on, the report is retried with backoff")]
    private partial void LogStoreDown(string host, string error, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "The fleet store is reachable again; host {Host}'s report caught up")]
    private partial void LogStoreBack(string host);
}
