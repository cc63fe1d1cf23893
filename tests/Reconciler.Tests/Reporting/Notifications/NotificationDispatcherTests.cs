using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Notifications;
using GitOps.Reconciler.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.Reporting.Notifications;

public sealed class NotificationDispatcherTests : IDisposable
{
    private static readonly NotificationOptions Fast = new() { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(40), MaxAttempts = 4 };
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private static NotificationDispatcher Dispatcher(HttpMessageHandler handler, NotificationOptions options, TimeProvider? time = null, string? secret = null) =>
        Dispatcher(new HttpClient(handler), new Uri("http://127.0.0.1:9/hook"), options, time, secret);

    private static NotificationDispatcher Dispatcher(HttpClient http, Uri url, NotificationOptions options, TimeProvider? time = null, string? secret = null) =>
        new([new NotificationReceiver("test", url, NotificationFormat.Json, secret)], http, options, time ?? TimeProvider.System, NullLogger<NotificationDispatcher>.Instance);

    private static string EventOf(string body) => JsonDocument.Parse(body).RootElement.GetProperty("event").GetString()!;

    [Fact]
    public async Task Publish_TransitionsToRealReceiver_ExactlyOneEachSigned()
    {
        using var receiver = new LoopbackReceiver();
        using var http = new HttpClient();
        var dispatcher = Dispatcher(http, receiver.Url, Fast, secret: "sign-me");
        var run = dispatcher.RunAsync(_stop.Token);
        var transitions = TransitionDetector.Detect(SampleTransitions.InSync(), SampleTransitions.NewCommit(SampleTransitions.ApiStopped()), ReconcileOutcome.Applied);
        var sentinel = SampleTransitions.Of(NotificationEvent.Stalled, service: null);

        var queued = dispatcher.Publish(transitions);
        var repeated = dispatcher.Publish(transitions);
        dispatcher.Publish(sentinel);
        await Eventually.TrueAsync(() => receiver.Requests.Any(r => EventOf(r.Body) == "stalled"), "the last notification arrives");

        Assert.Equal((2, 0), (queued, repeated));
        Assert.Equal(["deployed", "driftDetected", "stalled"], receiver.Requests.Select(r => EventOf(r.Body)));
        Assert.All(receiver.Requests, r => Assert.Equal(WebhookSignature.Sign(Encoding.UTF8.GetBytes(r.Body), "sign-me"), r.Signature));
        Assert.All(receiver.Requests, r => Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal));
        _stop.Cancel();
        await run;
    }

    [Fact]
    public async Task Publish_ReceiverFailsOnceThenAccepts_RetriedAndCallerNotBlocked()
    {
        var gate = new TaskCompletionSource<HttpStatusCode>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler(call => call == 1 ? gate.Task : Task.FromResult(HttpStatusCode.OK));
        var dispatcher = Dispatcher(handler, Fast);
        var run = dispatcher.RunAsync(_stop.Token);

        var clock = Stopwatch.StartNew();
        dispatcher.Publish(SampleTransitions.Of(NotificationEvent.DriftDetected));
        await Eventually.TrueAsync(() => handler.Calls == 1, "the first send is under way");
        var second = dispatcher.Publish(SampleTransitions.Of(NotificationEvent.DriftDetected, "api"));
        var publishing = clock.Elapsed;
        gate.SetResult(HttpStatusCode.InternalServerError);
        await Eventually.TrueAsync(() => handler.Calls == 3, "the failed send is retried and the next sent");

        Assert.True(second);
        Assert.True(publishing < TimeSpan.FromSeconds(1), $"publishing took {publishing} while the receiver hung");
        Assert.Equal(["web", "web", "api"], handler.Bodies.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("name").GetString()));
        _stop.Cancel();
        await run;
    }

    [Fact]
    public async Task Publish_ReceiverAlwaysFails_GivesUpAfterMaxAttemptsAndMovesOn()
    {
        var handler = new RecordingHandler(call => Task.FromResult(call <= 4 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
        var dispatcher = Dispatcher(handler, Fast);
        var run = dispatcher.RunAsync(_stop.Token);

        dispatcher.Publish(SampleTransitions.Of(NotificationEvent.Failed));
        dispatcher.Publish(SampleTransitions.Of(NotificationEvent.DriftResolved));
        await Eventually.TrueAsync(() => handler.Calls == 5, "four attempts at the first, one at the second");

        Assert.Equal(["failed", "failed", "failed", "failed", "driftResolved"], handler.Bodies.Select(EventOf));
        _stop.Cancel();
        await run;
    }

    [Fact]
    public async Task Publish_ReceiverRejectsRequest_NotRetried()
    {
        var handler = new RecordingHandler(call => Task.FromResult(call == 1 ? HttpStatusCode.NotFound : HttpStatusCode.OK));
        var dispatcher = Dispatcher(handler, Fast);
        var run = dispatcher.RunAsync(_stop.Token);

        dispatcher.Publish(SampleTransitions.Of(NotificationEvent.Failed));
        dispatcher.Publish(SampleTransitions.Of(NotificationEvent.DriftResolved));
        await Eventually.TrueAsync(() => handler.Calls == 2, "both sent");

        Assert.Equal(["failed", "driftResolved"], handler.Bodies.Select(EventOf));
        _stop.Cancel();
        await run;
    }

    [Fact]
    public async Task Publish_RetryWaits_CappedBackoffOnTheTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var options = new NotificationOptions() with { InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(5) };
        var handler = new RecordingHandler(call => Task.FromResult(call < 4 ? HttpStatusCode.BadGateway : HttpStatusCode.OK));
        var logger = new ListLogger<NotificationDispatcher>();
        var dispatcher = new NotificationDispatcher([new NotificationReceiver("test", new Uri("http://127.0.0.1:9/"), NotificationFormat.Slack)], new HttpClient(handler), options, time, logger);
        var run = dispatcher.RunAsync(_stop.Token);

        dispatcher.Publish(SampleTransitions.Of(NotificationEvent.Failed));
        await Eventually.TrueAsync(
            () =>
            {
                if (handler.Calls >= 4)
                {
                    return true;
                }
                time.Advance(TimeSpan.FromMilliseconds(500));
                return false;
            },
            "the retries follow the fake clock",
            TimeSpan.FromSeconds(30));

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5)], logger.Values<TimeSpan>("Delay"));
        Assert.True(time.GetUtcNow() - new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero) >= TimeSpan.FromSeconds(11));
        _stop.Cancel();
        await run;
    }

    [Fact]
    public async Task Publish_DefaultOptions_SixAttemptsWaitingFromTwoSecondsDoubling()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var handler = new RecordingHandler(_ => Task.FromResult(HttpStatusCode.ServiceUnavailable));
        var logger = new ListLogger<NotificationDispatcher>();
        var dispatcher = new NotificationDispatcher(
            [new NotificationReceiver("test", new Uri("http://127.0.0.1:9/"), NotificationFormat.Json)], new HttpClient(handler), new NotificationOptions(), time, logger);
        var run = dispatcher.RunAsync(_stop.Token);

        dispatcher.Publish(SampleTransitions.Of(NotificationEvent.Failed));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!logger.Entries.Any(e => e.Level == LogLevel.Error))
        {
            Assert.True(DateTime.UtcNow < deadline, "the retries did not follow the fake clock");
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.Equal(6, handler.Calls);
        Assert.Equal([2, 4, 8, 16, 32], logger.Values<TimeSpan>("Delay").Select(d => d.TotalSeconds));
        Assert.Equal([1, 2, 3, 4, 5, 6], logger.Values<int>("Attempt"));
        _stop.Cancel();
        await run;
    }

    [Fact]
    public async Task Publish_StoppedDuringRetryWait_NotSentAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var handler = new RecordingHandler(_ => Task.FromResult(HttpStatusCode.ServiceUnavailable));
        var logger = new ListLogger<NotificationDispatcher>();
        var dispatcher = new NotificationDispatcher(
            [new NotificationReceiver("test", new Uri("http://127.0.0.1:9/"), NotificationFormat.Json)], new HttpClient(handler), new NotificationOptions(), time, logger);
        using var stop = new CancellationTokenSource();
        var run = dispatcher.RunAsync(stop.Token);

        dispatcher.Publish(SampleTransitions.Of(NotificationEvent.Failed));
        await Eventually.TrueAsync(() => logger.Values<TimeSpan>("Delay").Any(), "the first send failed and its retry waits");
        await stop.CancelAsync();
        await run;
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(run.IsCompletedSuccessfully);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Publish_SameTransitionWithinWindow_SentOnceThenAgainAfterWindow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var handler = new RecordingHandler(_ => Task.FromResult(HttpStatusCode.NoContent));
        var dispatcher = Dispatcher(handler, Fast with { DedupeWindow = TimeSpan.FromMinutes(10) }, time);
        var run = dispatcher.RunAsync(_stop.Token);
        var flapping = SampleTransitions.Of(NotificationEvent.DriftDetected);

        var sent = new List<bool> { dispatcher.Publish(flapping) };
        time.Advance(TimeSpan.FromMinutes(5));
        sent.Add(dispatcher.Publish(flapping with { Time = flapping.Time.AddMinutes(5) }));
        time.Advance(TimeSpan.FromMinutes(5));
        sent.Add(dispatcher.Publish(flapping));
        await Eventually.TrueAsync(() => handler.Calls == 2, "two sends");

        Assert.Equal([true, false, true], sent);
        _stop.Cancel();
        await run;
    }

    [Fact]
    public void Publish_QueueFull_DropsWithoutWaiting()
    {
        var handler = new RecordingHandler(_ => Task.FromResult(HttpStatusCode.OK));
        var logger = new ListLogger<NotificationDispatcher>();
        var dispatcher = new NotificationDispatcher(
            [new NotificationReceiver("test", new Uri("http://127.0.0.1:9/"), NotificationFormat.Json)], new HttpClient(handler), Fast with { Capacity = 1 }, TimeProvider.System, logger);

        var clock = Stopwatch.StartNew();
        dispatcher.Publish([SampleTransitions.Of(NotificationEvent.Failed), SampleTransitions.Of(NotificationEvent.RolledBack), SampleTransitions.Of(NotificationEvent.Deployed)]);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
        Assert.Equal([NotificationEvent.RolledBack, NotificationEvent.Deployed], logger.Values<NotificationEvent>("Notification"));
        Assert.All(logger.Entries, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Equal(0, handler.Calls);
    }

    /// <summary>A real HTTP receiver on a free loopback port, recording what it is sent.</summary>
    private sealed class LoopbackReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Body, string? Signature, string? ContentType)> _requests = new();

        public LoopbackReceiver()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = new Uri($"http://127.0.0.1:{port}/hook/");
            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public Uri Url { get; }

        public IReadOnlyList<(string Body, string? Signature, string? ContentType)> Requests => [.. _requests];

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                _requests.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers[NotificationDispatcher.SignatureHeader], context.Request.ContentType));
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        }
    }
}
