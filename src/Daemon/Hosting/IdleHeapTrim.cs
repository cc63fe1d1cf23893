namespace GitOps.Daemon.Hosting;

/// <summary>
/// Hands the GC heap's free memory back to the host before the loop idles. A pass allocates and drops most of what it
/// allocates, and the GC keeps the memory it grew into committed: an idle daemon would hold several times its live heap
/// for days. One compacting collection that also decommits what is free (<see cref="GCCollectionMode.Aggressive"/>)
/// costs a few milliseconds on a heap of a few MiB; it runs only before a wait long enough to call idle, and at most
/// once per <see cref="Interval"/>, so a short poll interval or a burst of webhooks does not pay it on every pass.
/// </summary>
public sealed class IdleHeapTrim(TimeProvider time, Action? collect = null)
{
    private readonly Action _collect = collect ?? (() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));
    private DateTimeOffset? _last;

    /// <summary>The least time between two trims.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A wait shorter than this is not idle: the next pass comes too soon for the memory to stay returned.</summary>
    public TimeSpan MinimumWait { get; init; } = TimeSpan.FromSeconds(2);

    public int Trims { get; private set; }

    /// <summary>Called by the loop before it waits <paramref name="wait"/>; true when it trimmed.</summary>
    public bool BeforeWait(TimeSpan wait)
    {
        var now = time.GetUtcNow();
        if (wait < MinimumWait || (_last is { } last && now - last < Interval))
        {
            return false;
        }
        _last = now;
        _collect();
        Trims++;
        return true;
    }
}
