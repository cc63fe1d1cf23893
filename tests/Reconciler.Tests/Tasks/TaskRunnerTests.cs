using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using static GitOps.Reconciler.Tests.Tasks.TaskFixtures;

namespace GitOps.Reconciler.Tests.Tasks;

public class TaskRunnerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly ITaskContainers _containers = Substitute.For<ITaskContainers>();
    private readonly ITaskHistory _history = Substitute.For<ITaskHistory>();

    private TaskRunner Runner() => new(_containers, _history, new TaskRunnerOptions { Host = "h" }, _time, NullLogger<TaskRunner>.Instance);

    private static TaskFire Fire(TaskSpec spec, string trigger = TaskFire.Scheduled) => new(spec, "rev", Start, trigger);

    /// <summary>An attempt that ends when <paramref name="release"/> completes, or Failed when cancelled (stopped).</summary>
    private void BlockUntil(Task release) =>
        _containers.RunAsync(Arg.Any<TaskSpec>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(async call =>
        {
            try
            {
                await release.WaitAsync(call.Arg<CancellationToken>());
                return new TaskAttempt(TaskOutcome.Succeeded, 0, "ok", null);
            }
            catch (OperationCanceledException)
            {
                return new TaskAttempt(TaskOutcome.Failed, null, "", "stopped");
            }
        });

    [Fact]
    public async Task RunAsync_Forbid_FireWhileRunning_SkippedAndRecorded()
    {
        var release = new TaskCompletionSource();
        BlockUntil(release.Task);
        var runner = Runner();
        var first = runner.RunAsync(Fire(Spec()), CancellationToken.None);
        var second = await runner.RunAsync(Fire(Spec()), CancellationToken.None);
        Assert.Equal(TaskOutcome.Skipped, second.Outcome);
        release.SetResult();
        Assert.Equal(TaskOutcome.Succeeded, (await first).Outcome);
        await _containers.Received(1).RunAsync(Arg.Any<TaskSpec>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
        _history.Received(1).AddTaskRun(Arg.Is<TaskRunRecord>(r => r.Outcome == TaskOutcome.Skipped), Arg.Any<int>(), Arg.Any<TimeSpan>());
    }

    [Fact]
    public async Task RunAsync_Allow_FireWhileRunning_BothRun()
    {
        var release = new TaskCompletionSource();
        BlockUntil(release.Task);
        var runner = Runner();
        var spec = Spec() with { Concurrency = TaskConcurrency.Allow };
        var first = runner.RunAsync(Fire(spec), CancellationToken.None);
        var second = runner.RunAsync(Fire(spec), CancellationToken.None);
        release.SetResult();
        Assert.Equal(TaskOutcome.Succeeded, (await first).Outcome);
        Assert.Equal(TaskOutcome.Succeeded, (await second).Outcome);
        await _containers.Received(2).RunAsync(Arg.Any<TaskSpec>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RunAsync_Replace_FireWhileRunning_StopsTheRunningOneFirst()
    {
        var never = new TaskCompletionSource();
        BlockUntil(never.Task);
        var runner = Runner();
        var spec = Spec() with { Concurrency = TaskConcurrency.Replace };
        var first = runner.RunAsync(Fire(spec), CancellationToken.None);
        var second = runner.RunAsync(Fire(spec), CancellationToken.None);
        Assert.Equal(TaskOutcome.Failed, (await first).Outcome);
        never.SetResult();
        Assert.Equal(TaskOutcome.Succeeded, (await second).Outcome);
    }

    [Fact]
    public async Task RunAsync_FailsThenSucceeds_RetriedAfterRetryDelay()
    {
        _containers.RunAsync(Arg.Any<TaskSpec>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(
            new TaskAttempt(TaskOutcome.Failed, 1, "boom", "exited with 1"),
            new TaskAttempt(TaskOutcome.Succeeded, 0, "ok", null));
        var run = Runner().RunAsync(Fire(Spec() with { Retries = 2, RetryDelay = TimeSpan.FromMinutes(1) }), CancellationToken.None);
        await WaitForCallsAsync(1);
        Assert.False(run.IsCompleted);
        // Step the clock until the retry ran: it must not run before the delay has passed.
        await Eventually.AdvanceUntilAsync(_time, () => run.IsCompleted, TimeSpan.FromSeconds(10), "the retry ran");
        var record = await run;
        Assert.True(_time.GetUtcNow() - Start >= TimeSpan.FromMinutes(1));
        Assert.Equal(TaskOutcome.Succeeded, record.Outcome);
        Assert.Equal(2, record.Attempts);
    }

    [Fact]
    public async Task RunAsync_FailsEveryTime_FailedAfterRetries()
    {
        _containers.RunAsync(Arg.Any<TaskSpec>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new TaskAttempt(TaskOutcome.Failed, 3, "", "exited with 3"));
        var record = await Runner().RunAsync(Fire(Spec() with { Retries = 2, RetryDelay = TimeSpan.Zero }), CancellationToken.None);
        Assert.Equal(TaskOutcome.Failed, record.Outcome);
        Assert.Equal(3, record.ExitCode);
        Assert.Equal(3, record.Attempts);
    }

    [Fact]
    public async Task RunAsync_TimedOut_NotRetried()
    {
        _containers.RunAsync(Arg.Any<TaskSpec>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new TaskAttempt(TaskOutcome.TimedOut, null, "", "timeout"));
        var record = await Runner().RunAsync(Fire(Spec() with { Retries = 2, RetryDelay = TimeSpan.Zero }), CancellationToken.None);
        Assert.Equal(TaskOutcome.TimedOut, record.Outcome);
        Assert.Equal(1, record.Attempts);
    }

    [Fact]
    public async Task RunAsync_CatchUpTwiceForOneTask_RunsOnce()
    {
        _containers.RunAsync(Arg.Any<TaskSpec>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new TaskAttempt(TaskOutcome.Succeeded, 0, "", null));
        var runner = Runner();
        _time.SetUtcNow(Start.AddMinutes(20));
        var first = await runner.RunAsync(Fire(Spec(), TaskFire.CatchUp), CancellationToken.None);
        var second = await runner.RunAsync(Fire(Spec(), TaskFire.CatchUp), CancellationToken.None);
        Assert.Equal(TaskOutcome.Succeeded, first.Outcome);
        Assert.Equal(TaskOutcome.Missed, second.Outcome);
    }

    [Fact]
    public async Task RunAsync_RandomDelay_WaitsTheStableOffsetBeforeRunning()
    {
        _containers.RunAsync(Arg.Any<TaskSpec>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new TaskAttempt(TaskOutcome.Succeeded, 0, "", null));
        var spec = Spec() with { RandomDelay = TimeSpan.FromMinutes(5) };
        var offset = TaskRandomDelay.For("h", spec);
        Assert.True(offset > TimeSpan.Zero);
        var run = Runner().RunAsync(Fire(spec), CancellationToken.None);
        _time.Advance(offset - TimeSpan.FromMilliseconds(1));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TaskOutcome.Succeeded, (await run).Outcome);
    }

    private Task WaitForCallsAsync(int count) =>
        Eventually.TrueAsync(() => _containers.ReceivedCalls().Count() >= count, $"{count} engine calls were made");
}
