namespace GitOps.Reconciler.Rollout;

/// <summary>
/// A wave's lease held while an apply replaces services: renewed every third of its time to live, released when
/// disposed. An agent that dies stops renewing, so its lease expires and the wave goes on without it.
/// </summary>
public sealed class RolloutLease : IAsyncDisposable
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(10);

    private readonly IRolloutStore _store;
    private readonly string _host;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public RolloutLease(IRolloutStore store, string host, TimeSpan ttl, TimeProvider time)
    {
        _store = store;
        _host = host;
        _renewing = RenewAsync(ttl, time, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _renewing;
        }
        catch (OperationCanceledException)
        {
            // Stopped renewing, as asked.
        }
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            await _store.ReleaseLeaseAsync(_host, timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not released: it expires by itself.
        }
        _stop.Dispose();
    }

    private async Task RenewAsync(TimeSpan ttl, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(ttl / 3, time, cancellationToken);
            try
            {
                await _store.RenewLeaseAsync(_host, ttl, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store is away: the lease may expire and another host go on, which a dead agent needs anyway.
            }
        }
    }
}
