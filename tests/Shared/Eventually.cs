using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Testing;

/// <summary>
/// The one bounded wait of the tests: polls a condition until it holds, and fails saying what was awaited once the
/// timeout passes or the test's token is cancelled. Never a fixed sleep, never a wall-clock threshold on the product.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        TrueAsync(() => Task.FromResult(condition()), () => what, timeout, cancellationToken);

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        TrueAsync(condition, () => what, timeout, cancellationToken);

    /// <param name="what">Evaluated only on failure, so it can describe the last state seen.</param>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits as long as <paramref name="cancellationToken"/> allows.</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var limit = timeout ?? DefaultTimeout;
        var started = Stopwatch.GetTimestamp();
        var interval = TimeSpan.FromMilliseconds(10);
        while (!await condition())
        {
            if (cancellationToken.IsCancellationRequested || (limit != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(started) > limit))
            {
                Assert.Fail("timed out waiting until " + what());
            }
            await Task.Delay(interval, CancellationToken.None);
            // Start fast for in-process conditions, then poll gently for ones that ask the engine or HTTP.
            interval = TimeSpan.FromMilliseconds(Math.Min(200, interval.TotalMilliseconds * 2));
        }
    }
    /// <summary>
    /// Moves a fake clock in steps until the condition holds. Bounded by real time, not by a count of steps: on a loaded
    /// machine the code under test may need many steps' worth of scheduling before it registers its next timer, and a
    /// step taken while nothing waits on the clock is simply spent.
    /// </summary>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition, TimeSpan step, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                Assert.Fail("timed out advancing the clock until " + what);
            }
            time.Advance(step);
            await Task.Delay(5, CancellationToken.None);
        }
    }
}
