namespace GitOps.Reconciler.Engine;

/// <summary>The engine as a whole: is it answering, and what is happening on it.</summary>
public interface IDockerSystem
{
    /// <summary>True when the engine answers <c>/_ping</c>; false (never an exception) when it does not.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Container and network events from <paramref name="since"/> (the engine replays the recent ones it still holds; null: from
    /// now on), until cancelled. The sequence ends (or throws) when the engine closes the stream, e.g. on an engine
    /// restart; the caller decides whether to subscribe again.
    /// </summary>
    IAsyncEnumerable<DockerEvent> ContainerEventsAsync(DateTimeOffset? since, CancellationToken cancellationToken);
}
