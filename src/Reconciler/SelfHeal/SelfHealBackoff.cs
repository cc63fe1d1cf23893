using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.SelfHeal;

/// <summary>
/// Spaces out corrections of drift caused on the host, per resource (<c>stack/service</c>), so a container that
/// keeps dying cannot cause a restart storm. The first correction is immediate; after the n-th consecutive one
/// the next waits <c>Initial * 2^(n-1)</c>, capped at <see cref="SelfHealBackoffOptions.Max"/>. A resource that
/// stays in sync for <see cref="SelfHealBackoffOptions.ResetAfter"/> starts over. Thread-safe.
/// </summary>
public sealed class SelfHealBackoff(TimeProvider time, SelfHealBackoffOptions? options = null)
{
    private readonly SelfHealBackoffOptions _options = options ?? new SelfHealBackoffOptions();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The wait after <paramref name="attempts"/> consecutive corrections (zero before the first).</summary>
    public static TimeSpan Delay(int attempts, SelfHealBackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (attempts <= 0)
        {
            return TimeSpan.Zero;
        }
        return Backoff.Exponential(options.Initial, attempts, options.Max);
    }

    public bool CanAttempt(string key) => NextAttemptAt(key) <= time.GetUtcNow();

    /// <summary>When the next correction of <paramref name="key"/> is allowed (now or earlier when none is pending).</summary>
    public DateTimeOffset NextAttemptAt(string key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) ? entry.NextAttempt : DateTimeOffset.MinValue;
        }
    }

    public int Attempts(string key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) ? entry.Attempts : 0;
        }
    }

    /// <summary>A correction was made now: count it and push the next allowed attempt out.</summary>
    public void RecordAttempt(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var attempts = (_entries.TryGetValue(key, out var entry) ? entry.Attempts : 0) + 1;
            _entries[key] = new Entry(attempts, now + Delay(attempts, _options), null);
        }
    }

    /// <summary>The resource was seen in sync now; once it has stayed so for long enough, its count starts over.</summary>
    public void RecordInSync(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return;
            }
            var since = entry.InSyncSince ?? now;
            if (now - since >= _options.ResetAfter)
            {
                _entries.Remove(key);
                return;
            }
            _entries[key] = entry with { InSyncSince = since };
        }
    }

    /// <summary>The resource is gone (removed from the repo): forget it.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            _entries.Remove(key);
        }
    }

    private sealed record Entry(int Attempts, DateTimeOffset NextAttempt, DateTimeOffset? InSyncSince);
}
