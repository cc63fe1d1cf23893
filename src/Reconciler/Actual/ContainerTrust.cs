using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Actual;

/// <summary>
/// The managed containers whose config-hash label the probe may believe. A label can be copied by hand onto a
/// container made from another spec (<c>docker run</c> with the same labels and another environment), and a network
/// can be left without the container changing at all; so a label is only trusted for a container id the probe has
/// inspected and found to match its desired spec. Every other id (one created since, by the agent or by hand; every
/// container after a restart) is inspected once. An event that can change a container's spec in place (rename,
/// network connect or disconnect) takes its trust away, and the periodic full drift read takes all of it away.
/// Thread-safe: the daemon's pass and the drift monitor share one.
/// </summary>
/// <param name="sameSpec">
/// Whether an inspected spec is exactly the desired one (the planner's service diff finding nothing); given by the
/// composition root, so reading actual state does not depend on planning. Without it no inspection earns trust.
/// </param>
public sealed class ContainerTrust(Func<ServiceSpec, ServiceSpec, bool>? sameSpec = null)
{
    private readonly Dictionary<string, string> _trusted = new(StringComparer.Ordinal);
    private HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How many containers are trusted now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _trusted.Count;
            }
        }
    }

    /// <summary>True when the inspected <paramref name="actual"/> is exactly <paramref name="desired"/>, so its label may be believed.</summary>
    public bool Matches(ServiceSpec desired, ServiceSpec actual) => sameSpec?.Invoke(desired, actual) == true;

    /// <summary>True when <paramref name="id"/> was inspected and matched while it carried <paramref name="configHash"/>.</summary>
    public bool Trusts(string id, string configHash)
    {
        lock (_lock)
        {
            return _trusted.TryGetValue(id, out var hash) && hash == configHash;
        }
    }

    /// <summary>The container was inspected and is what its label says.</summary>
    public void Trust(string id, string configHash)
    {
        lock (_lock)
        {
            _trusted[id] = configHash;
        }
    }

    /// <summary>The container may have changed: inspect it on the next read.</summary>
    public void Distrust(string id)
    {
        lock (_lock)
        {
            _trusted.Remove(id);
        }
    }

    /// <summary>Inspect every container on the next read (the periodic full drift read; a gap in the event stream).</summary>
    public void DistrustAll()
    {
        lock (_lock)
        {
            _trusted.Clear();
        }
    }

    /// <summary>True when the last read listed <paramref name="id"/> among the agent's containers.</summary>
    public bool Knows(string id)
    {
        lock (_lock)
        {
            return _known.Contains(id);
        }
    }

    /// <summary>The agent's containers as the last read listed them: forgets those that no longer exist.</summary>
    public void Retain(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_lock)
        {
            _known = new HashSet<string>(ids, StringComparer.Ordinal);
            foreach (var gone in _trusted.Keys.Where(id => !ids.Contains(id)).ToList())
            {
                _trusted.Remove(gone);
            }
        }
    }
}
