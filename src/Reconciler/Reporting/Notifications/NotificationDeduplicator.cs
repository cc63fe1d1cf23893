namespace GitOps.Reconciler.Reporting.Notifications;

/// <summary>Lets a transition key through at most once per window (a flapping container is not a notification storm). Thread-safe.</summary>
public sealed class NotificationDeduplicator(TimeSpan window, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _sent = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>True, and remembered as sent now, unless the same key was let through less than the window ago.</summary>
    public bool TryAcquire(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var expired in _sent.Where(s => now - s.Value >= window).Select(s => s.Key).ToList())
            {
                _sent.Remove(expired);
            }
            return _sent.TryAdd(key, now);
        }
    }
}
