using System.Collections.Concurrent;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Wakes the executor's waits (health gates, depends_on conditions) when the engine reports an event of the container
/// they wait on, so a gate ends when the engine says "healthy" rather than at the next inspect poll. The inspect stays the
/// only source of truth: an event only ends the pause before the next inspect, and a missed one costs one poll interval.
/// </summary>
public sealed class ContainerChanges
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _next = new(StringComparer.Ordinal);

    /// <summary>
    /// Completes at the next <see cref="Notify"/> of <paramref name="containerId"/> (full id). Ask before inspecting, so an
    /// event that arrives between the inspect and the pause still ends the pause.
    /// </summary>
    public Task Next(string containerId) =>
        _next.GetOrAdd(containerId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>The engine reported an event of this container: every wait on it inspects again now.</summary>
    public void Notify(string containerId)
    {
        if (_next.TryRemove(containerId, out var waiting))
        {
            waiting.TrySetResult();
        }
    }

    /// <summary>Called when a wait on the container ends, so containers nobody waits on leave nothing behind.</summary>
    public void Forget(string containerId) => _next.TryRemove(containerId, out _);

    /// <summary>How many containers have a pending wait (for tests).</summary>
    internal int Pending => _next.Count;
}
