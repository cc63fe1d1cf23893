namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Wakes the executor's waits (health gates, depends_on conditions) when the engine reports an event of the container
/// they wait on, so a gate ends when the engine says "healthy" rather than at the next inspect poll. The inspect stays the
/// only source of truth: an event only ends the pause before the next inspect, and a missed one costs one poll interval.
/// </summary>
public sealed class ContainerChanges
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _watched = new(StringComparer.Ordinal);

    /// <summary>
    /// Follows <paramref name="containerId"/> (full id) until the handle is disposed; several waits may follow one
    /// container at once (a gate, and a dependent's wait on it), and each keeps being woken until it ends.
    /// </summary>
    public ContainerWatch Watch(string containerId)
    {
        lock (_gate)
        {
            if (!_watched.TryGetValue(containerId, out var entry))
            {
                _watched[containerId] = entry = new Entry();
            }
            entry.Watchers++;
        }
        return new ContainerWatch(this, containerId);
    }

    /// <summary>The engine reported an event of this container: every wait on it inspects again now.</summary>
    public void Notify(string containerId)
    {
        TaskCompletionSource? signal = null;
        lock (_gate)
        {
            if (_watched.TryGetValue(containerId, out var entry))
            {
                signal = entry.Signal;
                entry.Signal = NewSignal();
            }
        }
        signal?.TrySetResult();
    }

    /// <summary>How many containers are followed (for tests).</summary>
    internal int Pending
    {
        get
        {
            lock (_gate)
            {
                return _watched.Count;
            }
        }
    }

    /// <summary>Completes at the next <see cref="Notify"/> of the container.</summary>
    internal Task Next(string containerId)
    {
        lock (_gate)
        {
            return _watched.TryGetValue(containerId, out var entry) ? entry.Signal.Task : Task.CompletedTask;
        }
    }

    internal void Leave(string containerId)
    {
        lock (_gate)
        {
            if (_watched.TryGetValue(containerId, out var entry) && --entry.Watchers == 0)
            {
                _watched.Remove(containerId);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Entry
    {
        public TaskCompletionSource Signal { get; set; } = NewSignal();

        public int Watchers { get; set; }
    }
}

/// <summary>One wait's following of a container (<see cref="ContainerChanges.Watch"/>).</summary>
public sealed class ContainerWatch(ContainerChanges changes, string containerId) : IDisposable
{
    private int _disposed;

    /// <summary>
    /// Completes at the container's next event. Ask before inspecting, so an event that arrives between the inspect and
    /// the pause still ends the pause.
    /// </summary>
    public Task Next() => changes.Next(containerId);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            changes.Leave(containerId);
        }
    }
}
