using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Webhooks;
using Microsoft.Extensions.Logging;
using Polly;

namespace GitOps.Reconciler.Reporting.Notifications;

/// <summary>
/// Sends transitions to every receiver in the background. <see cref="Publish(Transition)"/> never blocks: it
/// de-duplicates and queues (a bounded queue per receiver, so a receiver that is down delays only itself);
/// <see cref="RunAsync"/> drains the queues, retrying a failing receiver with capped exponential backoff (a Polly
/// retry on the injected clock) for a bounded number of attempts. Bodies are signed with <c>X-GitOps-Agent-Signature: sha256=...</c>
/// when the receiver has a signing secret.
/// </summary>
public sealed partial class NotificationDispatcher
{
    public const string SignatureHeader = "X-GitOps-Agent-Signature";

    private readonly HttpClient _http;
    private readonly NotificationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<NotificationDispatcher> _logger;
    private readonly NotificationDeduplicator _dedupe;
    private static readonly ResiliencePropertyKey<NotificationReceiver> ReceiverKey = new("notification-receiver");
    private static readonly ResiliencePropertyKey<Transition> TransitionKey = new("notification-transition");

    private readonly IReadOnlyList<(NotificationReceiver Receiver, Channel<Transition> Queue)> _receivers;
    private readonly ResiliencePipeline<SendFailure?> _retry;

    public NotificationDispatcher(
        IEnumerable<NotificationReceiver> receivers, HttpClient http, NotificationOptions options, TimeProvider time, ILogger<NotificationDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        ArgumentNullException.ThrowIfNull(options);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _dedupe = new NotificationDeduplicator(options.DedupeWindow, time);
        _receivers = receivers
            .Select(r => (r, Channel.CreateBounded<Transition>(new BoundedChannelOptions(options.Capacity)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
            })))
            .ToList();
        _retry = RetryPipeline();
    }

    /// <summary>Queues each transition not sent within the de-duplication window; returns how many were queued.</summary>
    public int Publish(IEnumerable<Transition> transitions)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        return transitions.Count(Publish);
    }

    /// <summary>Queues the transition for every receiver, unless it is a duplicate. Never waits.</summary>
    public bool Publish(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (!_dedupe.TryAcquire(transition.Key))
        {
            LogDuplicate(transition.Event, transition.Key);
            return false;
        }
        foreach (var (receiver, queue) in _receivers)
        {
            if (!queue.Writer.TryWrite(transition))
            {
                LogDropped(receiver.Name, transition.Event, _options.Capacity);
            }
        }
        return true;
    }

    /// <summary>Sends queued notifications until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_receivers.Select(r => DrainAsync(r.Receiver, r.Queue.Reader, cancellationToken)));

    private async Task DrainAsync(NotificationReceiver receiver, ChannelReader<Transition> queue, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var transition in queue.ReadAllAsync(cancellationToken))
            {
                await SendAsync(receiver, transition, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is not sent.
        }
    }

    private async Task SendAsync(NotificationReceiver receiver, Transition transition, CancellationToken cancellationToken)
    {
        var body = NotificationPayload.Render(transition, receiver.Format);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ReceiverKey, receiver);
        context.Properties.Set(TransitionKey, transition);
        var attempts = 0;
        try
        {
            var failure = await _retry.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    return await TryPostAsync(receiver, body, ctx.CancellationToken);
                },
                context);
            if (failure is null)
            {
                LogSent(receiver.Name, transition.Event, attempts);
            }
            else
            {
                LogGaveUp(receiver.Name, transition.Event, attempts, failure.Reason);
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Retries a send that failed in a way trying again can help, waiting as <see cref="Backoff"/> says (from
    /// <see cref="NotificationOptions.InitialDelay"/> up to <see cref="NotificationOptions.MaxDelay"/>) on the
    /// injected clock, until <see cref="NotificationOptions.MaxAttempts"/> sends were made.
    /// </summary>
    private ResiliencePipeline<SendFailure?> RetryPipeline()
    {
        var builder = new ResiliencePipelineBuilder<SendFailure?> { TimeProvider = _time };
        if (_options.MaxAttempts > 1)
        {
            var retry = Backoff.Retry<SendFailure?>(_options.InitialDelay, _options.MaxDelay, _options.MaxAttempts - 1);
            retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && args.Outcome.Result is { Permanent: false });
            retry.OnRetry = args =>
            {
                args.Context.Properties.TryGetValue(ReceiverKey, out var receiver);
                args.Context.Properties.TryGetValue(TransitionKey, out var transition);
                LogRetrying(receiver?.Name ?? "?", transition?.Event ?? default, args.AttemptNumber + 1, args.Outcome.Result?.Reason ?? "", args.RetryDelay);
                return default;
            };
            builder.AddRetry(retry);
        }
        return builder.Build();
    }

    /// <summary>Null when delivered; otherwise why, and whether trying again can help (4xx other than 408 and 429 cannot).</summary>
    private async Task<SendFailure?> TryPostAsync(NotificationReceiver receiver, byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.AttemptTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (receiver.SigningSecret is { Length: > 0 } secret)
        {
            request.Headers.TryAddWithoutValidation(SignatureHeader, WebhookSignature.Sign(body, secret));
        }
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return null;
            }
            var permanent = status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
            return new SendFailure($"HTTP {status}", permanent);
        }
        catch (HttpRequestException e)
        {
            return new SendFailure(e.HttpRequestError.ToString(), false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendFailure($"no answer within {_options.AttemptTimeout}", false);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Notification} notification not sent again within the de-duplication window ({Key})")]
    private partial void LogDuplicate(NotificationEvent notification, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Notification} notification for {Receiver} dropped: {Capacity} notifications are already queued")]
    private partial void LogDropped(string receiver, NotificationEvent notification, int capacity);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Notification} notification sent to {Receiver} (attempt {Attempt})")]
    private partial void LogSent(string receiver, NotificationEvent notification, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Notification} notification to {Receiver} failed (attempt {Attempt}: {Reason}); retrying in {Delay}")]
    private partial void LogRetrying(string receiver, NotificationEvent notification, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Notification} notification to {Receiver} given up after {Attempt} attempts: {Reason}")]
    private partial void LogGaveUp(string receiver, NotificationEvent notification, int attempt, string reason);
}
