using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// When the next poll runs: the configured interval with jitter while things work; after consecutive failures of the
/// git server (or of the pass itself) the interval doubled per failure, capped by <c>retryMaxBackoff</c> (1 minute by
/// default), so a broken remote is not hammered and the agent still recovers soon. A failed apply does not slow the
/// polls: it only delays retrying that same revision (<see cref="RetryDelay"/>), so a fixing commit is seen at once.
/// </summary>
public static class PollDelay
{
    /// <summary>The wait before the <paramref name="failures"/>th retry of the same revision: doubled per failure, capped.</summary>
    public static TimeSpan RetryDelay(TimeSpan first, int failures, TimeSpan cap)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 16));
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, cap.Ticks));
    }

    /// <param name="random">A sample from [0, 1).</param>
    public static TimeSpan Next(AgentConfig config, int consecutiveFailures, double random)
    {
        ArgumentNullException.ThrowIfNull(config);
        var normal = config.NextPollDelay(random);
        if (consecutiveFailures <= 0)
        {
            return normal;
        }
        var factor = Math.Pow(2, Math.Min(consecutiveFailures, 16));
        var backoff = TimeSpan.FromTicks((long)Math.Min(normal.Ticks * factor, config.RetryMaxBackoff.Ticks));
        return backoff > normal ? backoff : normal;
    }
}
