using GitOps.Reconciler.Common;
using GitOps.Reconciler.Engine;
using Microsoft.Extensions.Logging;
using Polly;

namespace GitOps.Reconciler.Actual.Events;

/// <summary>
/// Follows the engine's container and network events and hands each one about a managed container (see
/// <see cref="ContainerEventFilter"/>) to <paramref name="onEvent"/>, so a hand change is re-probed within seconds
/// instead of at the next poll. The subscription survives the engine: when the stream ends or fails (engine
/// restart, socket gone) it subscribes again with capped exponential backoff (a Polly retry), asking the engine to replay what
/// happened in the gap. The engine keeps its events in memory only, so a restart loses what happened before it:
/// after every gap, once the engine answers again, <see cref="OnResumed"/> says that anything may have changed.
/// <paramref name="onEvent"/> and <see cref="OnResumed"/> must be quick (signal, not work).
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

    /// <summary>Called before each subscription after the first, once the engine answers a ping again.</summary>
    public Action? OnResumed { get; init; }

    /// <summary>The agent's owner label value: containers of other owners are ignored before anything runs (null: any owner).</summary>
    public string? Owner { get; init; }

    /// <summary>Whether a container id is one of the agent's, for network events (which carry no labels); null accepts any.</summary>
    public Func<string, bool>? IsOwnContainer { get; init; }

    /// <summary>Watches until cancelled; never throws for engine trouble.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var resubscribe = ResubscribePipeline();
        var since = time.GetUtcNow() - options.Replay;
        var ended = false;
        try
        {
            // One round per stream that delivered events: its end starts the waits over from the initial delay.
            while (!cancellationToken.IsCancellationRequested)
            {
                var attempt = 0;
                await resubscribe.ExecuteAsync(
                    async token =>
                    {
                        // The first attempt of a round after a stream ended is that stream: the first
                        // resubscription then waits the initial delay, like every later one its doubled delay.
                        if (attempt++ == 0 && ended)
                        {
                            return false;
                        }
                        var delivered = await SubscribeAsync(since, token);
                        ended = true;
                        since = time.GetUtcNow() - options.Replay;
                        return delivered;
                    },
                    cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Subscribes again, for as long as the engine is away: each subscription that ends (or fails) without having
    /// delivered an event, or a ping the engine does not answer, waits the next delay of <see cref="Backoff"/>
    /// (<see cref="DockerEventWatcherOptions.InitialRetryDelay"/> doubling up to
    /// <see cref="DockerEventWatcherOptions.MaxRetryDelay"/>) on the injected clock.
    /// </summary>
    private ResiliencePipeline<bool> ResubscribePipeline()
    {
        var retry = Backoff.Retry<bool>(options.InitialRetryDelay, options.MaxRetryDelay, int.MaxValue);
        retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome is { Exception: null, Result: false });
        retry.OnRetry = args =>
        {
            LogRetrying(args.RetryDelay);
            return default;
        };
        return new ResiliencePipelineBuilder<bool> { TimeProvider = time }.AddRetry(retry).Build();
    }

    /// <summary>
    /// One subscription, after a ping when it is not the first, read until the stream ends or fails. True when it
    /// delivered at least one event. Throws only when cancelled.
    /// </summary>
    private async Task<bool> SubscribeAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var received = false;
        try
        {
            if (Subscriptions > 0 && !await ResumeAsync(cancellationToken))
            {
                return false;
            }
            Subscriptions++;
            LogSubscribing(Subscriptions, since);
            await foreach (var dockerEvent in engine.ContainerEventsAsync(since, cancellationToken))
            {
                received = true;
                Handle(dockerEvent);
            }
            LogEnded();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(ex.Message);
            LogFailedTrace(ex);
        }
        return received;
    }

    private async Task<bool> ResumeAsync(CancellationToken cancellationToken)
    {
        if (!await engine.PingAsync(cancellationToken))
        {
            LogNotAnswering();
            return false;
        }
        LogResumed();
        try
        {
            OnResumed?.Invoke();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandlerFailed(ex, "(resumed)");
        }
        return true;
    }

    private void Handle(DockerEvent dockerEvent)
    {
        if (ContainerEventFilter.Match(dockerEvent, stacks(), Owner, IsOwnContainer) is not { } match)
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
    private partial void LogFailed(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The container event stream failed")]
    private partial void LogFailedTrace(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The engine does not answer a ping yet")]
    private partial void LogNotAnswering();

    [LoggerMessage(Level = LogLevel.Information, Message = "The engine answers again; events of the gap may be lost, so the host is probed")]
    private partial void LogResumed();

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribing to container events again in {Delay}")]
    private partial void LogRetrying(TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Container event {Kind} for {Stack}/{Service} ({Container})")]
    private partial void LogEvent(string stack, string service, ContainerEventKind kind, string container);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a container event of {Stack} failed")]
    private partial void LogHandlerFailed(Exception exception, string stack);
}
