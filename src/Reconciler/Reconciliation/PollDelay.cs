using GitOps.Reconciler.Common;
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
    public static TimeSpan RetryDelay(TimeSpan first, int failures, TimeSpan cap) => Backoff.Exponential(first, failures, cap);

    /// <param name="random">A sample from [0, 1).</param>
    public static TimeSpan Next(AgentConfig config, int consecutiveFailures, double random)
    {
        ArgumentNullException.ThrowIfNull(config);
        var normal = config.NextPollDelay(random);
        if (consecutiveFailures <= 0)
        {
            return normal;
        }
        // The interval itself is the first step, so n failures wait it doubled n times.
        var backoff = Backoff.Exponential(normal, Math.Min(consecutiveFailures, 30) + 1, config.RetryMaxBackoff);
        return backoff > normal ? backoff : normal;
    }
}
