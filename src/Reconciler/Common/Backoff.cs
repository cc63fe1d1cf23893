using Polly;
using Polly.Retry;

namespace GitOps.Reconciler.Common;

/// <summary>
/// The agent's one backoff: a first wait doubled per further failure, never longer than a cap, without jitter (one
/// agent per host retries against its own engine and its own receivers, so there is no herd to spread).
/// <see cref="Exponential"/> is for waits that span passes (the retry of a failed revision, slowed polls, self-heal
/// spacing); <see cref="Retry{TResult}"/> is the same shape as a Polly retry for loops within one call
/// (notifications, the Docker event subscription).
/// </summary>
public static class Backoff
{
    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1 for the first): <paramref name="first"/> doubled per
    /// earlier retry, capped at <paramref name="cap"/>.
    /// </summary>
    public static TimeSpan Exponential(TimeSpan first, int retry, TimeSpan cap)
    {
        var factor = Math.Pow(2, Math.Clamp(retry - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, cap.Ticks));
    }

    /// <summary>
    /// A Polly retry waiting as <see cref="Exponential"/> does: <paramref name="first"/> before the first retry,
    /// doubling up to <paramref name="cap"/>, at most <paramref name="maxRetries"/> times. The caller adds what to
    /// retry (<see cref="RetryStrategyOptions{TResult}.ShouldHandle"/>) and what to log.
    /// </summary>
    public static RetryStrategyOptions<TResult> Retry<TResult>(TimeSpan first, TimeSpan cap, int maxRetries) => new()
    {
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = false,
        Delay = first,
        MaxDelay = cap,
        MaxRetryAttempts = maxRetries,
    };
}
