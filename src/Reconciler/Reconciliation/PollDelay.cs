using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// When the next poll runs: the configured interval with jitter while things work; after consecutive failures
/// (git or Docker unreachable, an apply error) the interval doubled per failure, capped, so a broken remote is
/// not hammered and the agent still recovers by itself.
/// </summary>
public static class PollDelay
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

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
        var backoff = TimeSpan.FromTicks((long)Math.Min(normal.Ticks * factor, MaxBackoff.Ticks));
        return backoff > normal ? backoff : normal;
    }
}
