using GitOps.Reconciler.Engine;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Actual.Events;

/// <summary>
/// Follows the engine's container events and hands each one about a managed container (see
/// <see cref="ContainerEventFilter"/>) to <paramref name="onEvent"/>, so a hand change is re-probed within seconds
/// instead of at the next poll. The subscription survives the engine: when the stream ends or fails (engine
/// restart, socket gone) it subscribes again with capped exponential backoff, asking the engine to replay what
/// happened in the gap. <paramref name="onEvent"/> must be quick (signal, not work).
/// </summary>
/// <param name="stacks">The agent's stacks, for containers without the ownership label (may change between calls).</param>
public sealed partial class DockerEventWatcher(
    IDockerSystem engine,
    Func<IReadOnlySet<string>> stacks,
    Action<ContainerEventMatch> onEvent,
    DockerEventWatcherOptions options,
    TimeProvider time,
    ILogger<DockerEventWatcher> logger)
{
    /// <summary>How many times a subscription was opened; the first is 1.</summary>
    public int Subscriptions { get; private set; }

    /// <summary>Watches until cancelled; never throws for engine trouble.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var since = time.GetUtcNow() - options.Replay;
        while (!cancellationToken.IsCancellationRequested)
        {
            var received = false;
            try
            {
                Subscriptions++;
                LogSubscribing(Subscriptions, since);
                await foreach (var dockerEvent in engine.ContainerEventsAsync(since, cancellationToken))
                {
                    received = true;
                    failures = 0;
                    Handle(dockerEvent);
                }
                LogEnded();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex, ex.Message);
            }
            since = time.GetUtcNow() - options.Replay;
            failures = received ? 1 : failures + 1;
            var delay = options.DelayAfter(failures);
            LogRetrying(delay);
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Handle(DockerEvent dockerEvent)
    {
        if (ContainerEventFilter.Match(dockerEvent, stacks()) is not { } match)
        {
            return;
        }
        LogEvent(match.Stack, match.Service ?? "?", match.Kind, match.Container);
        try
        {
            onEvent(match);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandlerFailed(ex, match.Stack);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subscribing to container events (subscription {Subscription}, replaying from {Since})")]
    private partial void LogSubscribing(int subscription, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The engine closed the container event stream")]
    private partial void LogEnded();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The container event stream failed: {Reason}")]
    private partial void LogFailed(Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribing to container events again in {Delay}")]
    private partial void LogRetrying(TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Container event {Kind} for {Stack}/{Service} ({Container})")]
    private partial void LogEvent(string stack, string service, ContainerEventKind kind, string container);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a container event of {Stack} failed")]
    private partial void LogHandlerFailed(Exception exception, string stack);
}
