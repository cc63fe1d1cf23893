using GitOps.Reconciler.Actual.Events;
using GitOps.Reconciler.Tests.Reporting.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.Events;

public sealed class DockerEventWatcherTests
{
    private static readonly DockerEventWatcherOptions Fast = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(2));

    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<ContainerEventMatch> _seen = [];

    private int _resumed;

    private DockerEventWatcher Watcher(ScriptedEventEngine engine, IReadOnlySet<string>? stacks = null, ILogger<DockerEventWatcher>? logger = null) => new(
        engine,
        () => stacks ?? new HashSet<string>(),
        m =>
        {
            lock (_seen)
            {
                _seen.Add(m);
            }
        },
        Fast,
        _time,
        logger ?? NullLogger<DockerEventWatcher>.Instance)
    {
        OnResumed = () => Interlocked.Increment(ref _resumed),
    };

    private int Seen()
    {
        lock (_seen)
        {
            return _seen.Count;
        }
    }

    [Fact]
    public async Task RunAsync_ManagedAndOtherEvents_HandsOnlyManagedOnes()
    {
        var engine = new ScriptedEventEngine(([
            ScriptedEventEngine.Container("exec_start: sh", "demo", "web"),
            ScriptedEventEngine.Container("die", "demo", "web"),
            ScriptedEventEngine.Container("stop", "other", "db", managed: false),
            ScriptedEventEngine.Container("stop", "listed", "db", managed: false),
        ], null));
        using var stop = new CancellationTokenSource();
        var watcher = Watcher(engine, new HashSet<string> { "listed" });

        var run = watcher.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => Seen() == 2, "two managed events are handed on");
        await stop.CancelAsync();
        await run;

        Assert.Equal([("demo", ContainerEventKind.Die), ("listed", ContainerEventKind.Stop)], _seen.Select(m => (m.Stack, m.Kind)));
    }

    [Fact]
    public async Task RunAsync_StreamEndsThenFails_SubscribesAgainWithCappedBackoff()
    {
        var engine = new ScriptedEventEngine(
            ([ScriptedEventEngine.Container("die", "demo", "web")], null),
            ([], new HttpRequestException("engine gone")),
            ([], new IOException("socket closed")),
            ([ScriptedEventEngine.Container("start", "demo", "web")], null));
        using var stop = new CancellationTokenSource();
        var watcher = Watcher(engine);

        var run = watcher.RunAsync(stop.Token);
        await AdvanceUntilAsync(() => engine.Since.Count >= 5, TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => Seen() == 2, "the event after resubscribing is handed on");
        await stop.CancelAsync();
        await run;

        Assert.Equal(5, watcher.Subscriptions);
        Assert.Equal(4, Volatile.Read(ref _resumed));
        Assert.All(engine.Since, s => Assert.NotNull(s));
        Assert.True(engine.Since[4] > engine.Since[0], "a new subscription replays from the end of the previous stream, not from the start");
    }

    [Fact]
    public async Task RunAsync_StreamEndsWhileEngineIsAway_ResumesOnceWhenItAnswersAgain()
    {
        var engine = new ScriptedEventEngine(([], new HttpRequestException("engine gone"))) { UnansweredPings = 3 };
        using var stop = new CancellationTokenSource();
        var watcher = Watcher(engine);

        var run = watcher.RunAsync(stop.Token);
        await AdvanceUntilAsync(() => engine.Since.Count >= 2, TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await run;

        Assert.Equal(4, engine.Pings);
        Assert.Equal(2, watcher.Subscriptions);
        Assert.Equal(1, Volatile.Read(ref _resumed));
    }

    [Fact]
    public async Task RunAsync_FirstSubscription_DoesNotCountAsResumed()
    {
        var engine = new ScriptedEventEngine();
        using var stop = new CancellationTokenSource();
        var watcher = Watcher(engine);

        var run = watcher.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => watcher.Subscriptions == 1, "the first subscription is opened");
        await stop.CancelAsync();
        await run;

        Assert.Equal(0, engine.Pings);
        Assert.Equal(0, Volatile.Read(ref _resumed));
    }

    [Fact]
    public async Task RunAsync_EngineAwayLong_WaitsDoubleUpToTheCap()
    {
        var engine = new ScriptedEventEngine(([], new HttpRequestException("engine gone"))) { UnansweredPings = 5 };
        var logger = new ListLogger<DockerEventWatcher>();
        using var stop = new CancellationTokenSource();
        var watcher = Watcher(engine, logger: logger);

        var run = watcher.RunAsync(stop.Token);
        await AdvanceUntilAsync(() => engine.Since.Count >= 2, TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await run;

        Assert.Equal([1, 2, 4, 8, 8, 8], logger.Values<TimeSpan>("Delay").Select(d => d.TotalSeconds));
        Assert.Equal(6, engine.Pings);
    }

    [Fact]
    public async Task RunAsync_StreamDeliveredThenEnded_WaitStartsOverFromTheInitialDelay()
    {
        var engine = new ScriptedEventEngine(
            ([], new IOException("socket closed")),
            ([], null),
            ([ScriptedEventEngine.Container("die", "demo", "web")], null));
        var logger = new ListLogger<DockerEventWatcher>();
        using var stop = new CancellationTokenSource();
        var watcher = Watcher(engine, logger: logger);

        var run = watcher.RunAsync(stop.Token);
        await AdvanceUntilAsync(() => engine.Since.Count >= 4, TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await run;

        Assert.Equal([1, 2, 1], logger.Values<TimeSpan>("Delay").Select(d => d.TotalSeconds));
        Assert.Equal(4, watcher.Subscriptions);
    }

    [Fact]
    public async Task RunAsync_StoppedDuringAWait_DoesNotSubscribeAgain()
    {
        var engine = new ScriptedEventEngine(([], new HttpRequestException("engine gone")));
        var logger = new ListLogger<DockerEventWatcher>();
        using var stop = new CancellationTokenSource();
        var watcher = Watcher(engine, logger: logger);

        var run = watcher.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => logger.Values<TimeSpan>("Delay").Any(), "the failed subscription waits to be retried");
        await stop.CancelAsync();
        await run;
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, watcher.Subscriptions);
        Assert.Equal(0, engine.Pings);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ReturnsWithoutThrowing()
    {
        using var stop = new CancellationTokenSource();
        var run = Watcher(new ScriptedEventEngine()).RunAsync(stop.Token);

        await stop.CancelAsync();

        await run;
        Assert.True(run.IsCompletedSuccessfully);
    }

    /// <summary>Moves the fake clock in steps until the condition holds (bounded by the number of steps).</summary>
    private Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step) =>
        Eventually.AdvanceUntilAsync(_time, condition, step, "the watcher's condition held");
}
