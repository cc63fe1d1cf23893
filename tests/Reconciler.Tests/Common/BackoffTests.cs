using GitOps.Reconciler.Common;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace GitOps.Reconciler.Tests.Common;

public class BackoffTests
{
    [Fact]
    public void Exponential_Retries_DoubleFromFirstUpToCap()
    {
        var waits = Enumerable.Range(1, 7).Select(n => Backoff.Exponential(TimeSpan.FromSeconds(2), n, TimeSpan.FromMinutes(1)).TotalSeconds);

        Assert.Equal([2, 4, 8, 16, 32, 60, 60], waits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Exponential_NoEarlierRetry_FirstWait(int retry)
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Backoff.Exponential(TimeSpan.FromSeconds(2), retry, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Exponential_HugeRetryOrLongFirst_NeverPastTheCap()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), Backoff.Exponential(TimeSpan.FromSeconds(2), int.MaxValue, TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.FromMinutes(1), Backoff.Exponential(TimeSpan.FromDays(3650), 30, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Retry_OnFakeClock_WaitsAsExponentialThenGivesUp()
    {
        var time = new FakeTimeProvider();
        var waits = new List<TimeSpan>();
        var options = Backoff.Retry<bool>(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), maxRetries: 5);
        options.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result == false);
        options.OnRetry = args =>
        {
            waits.Add(args.RetryDelay);
            return default;
        };
        var pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = time }.AddRetry(options).Build();
        var calls = 0;

        var run = pipeline.ExecuteAsync(_ =>
        {
            calls++;
            return ValueTask.FromResult(false);
        }, CancellationToken.None).AsTask();
        await Eventually.AdvanceUntilAsync(time, () => run.IsCompleted, TimeSpan.FromSeconds(1), "the retries ended");

        Assert.False(await run);
        Assert.Equal(6, calls);
        Assert.Equal(Enumerable.Range(1, 5).Select(n => Backoff.Exponential(TimeSpan.FromSeconds(2), n, TimeSpan.FromSeconds(10))), waits);
        Assert.Equal([2, 4, 8, 10, 10], waits.Select(w => w.TotalSeconds));
    }
}
