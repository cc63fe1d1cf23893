namespace GitOps.Reconciler.Actual.Events;

/// <param name="InitialRetryDelay">The wait before subscribing again after the stream ended or failed, doubled each time.</param>
/// <param name="MaxRetryDelay">The longest wait between subscriptions, however long the engine stays away.</param>
/// <param name="Replay">
/// How far before a gap (start, or the end of the previous stream) to ask the engine to replay events from, so an
/// event that happened while not subscribed is still seen (the engine keeps its recent events in memory).
/// </param>
public sealed record DockerEventWatcherOptions(TimeSpan InitialRetryDelay, TimeSpan MaxRetryDelay, TimeSpan Replay)
{
    public DockerEventWatcherOptions()
        : this(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2))
    {
    }
}
