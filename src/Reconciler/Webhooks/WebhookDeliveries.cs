namespace GitOps.Reconciler.Webhooks;

/// <summary>
/// The delivery ids of recent webhook requests (GitHub's <c>X-GitHub-Delivery</c>, GitLab's
/// <c>X-Gitlab-Event-UUID</c>), so a redelivered or replayed request is acknowledged without another reconcile.
/// Keeps the newest <see cref="Capacity"/> ids; older ones are forgotten first. Thread-safe.
/// </summary>
public sealed class WebhookDeliveries(int capacity = WebhookDeliveries.DefaultCapacity)
{
    public const int DefaultCapacity = 1024;
    public const string GitHubHeader = "X-GitHub-Delivery";
    public const string GitLabHeader = "X-Gitlab-Event-UUID";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>The request's delivery id, or null when it sent none (such requests are never deduplicated).</summary>
    public static string? IdOf(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var ids = headers
            .Where(h => string.Equals(h.Key, GitHubHeader, StringComparison.OrdinalIgnoreCase) || string.Equals(h.Key, GitLabHeader, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value.Trim())
            .Where(v => v.Length > 0)
            .ToList();
        return ids.Count == 1 ? ids[0] : null;
    }

    /// <summary>Remembers <paramref name="id"/>; false when it was seen before.</summary>
    public bool TryAdd(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (!_seen.Add(id))
            {
                return false;
            }
            _order.Enqueue(id);
            if (_order.Count > Capacity)
            {
                _seen.Remove(_order.Dequeue());
            }
            return true;
        }
    }
}
