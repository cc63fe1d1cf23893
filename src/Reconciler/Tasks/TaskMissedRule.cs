using GitOps.Reconciler.Desired;
using Quartz;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// Whether a fire the agent was down for still runs: with <c>missed: runOnce</c>, only if the latest missed fire
/// time is within the starting deadline (by default one period of the schedule). Pure: the time is passed in.
/// </summary>
public static class TaskMissedRule
{
    /// <summary>True to run now; false to record the fire as Missed.</summary>
    public static bool ShouldRun(TaskSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Missed == TaskMissedPolicy.Skip)
        {
            return false;
        }
        var deadline = spec.StartingDeadline ?? Period(spec, now);
        return LatestFireWithin(spec, now - deadline, now) is not null;
    }

    /// <summary>The latest fire time of any of the task's expressions in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static DateTimeOffset? LatestFireWithin(TaskSpec spec, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DateTimeOffset? latest = null;
        foreach (var expression in Expressions(spec))
        {
            for (var t = expression.GetNextValidTimeAfter(from); t is { } at && at <= to; t = expression.GetNextValidTimeAfter(at))
            {
                latest = latest is null || at > latest ? at : latest;
            }
        }
        return latest;
    }

    /// <summary>The gap between the next two fires after <paramref name="now"/> (the shortest over the task's expressions).</summary>
    public static TimeSpan Period(TaskSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var period = TimeSpan.MaxValue;
        foreach (var expression in Expressions(spec))
        {
            if (expression.GetNextValidTimeAfter(now) is { } first && expression.GetNextValidTimeAfter(first) is { } second && second - first < period)
            {
                period = second - first;
            }
        }
        return period == TimeSpan.MaxValue ? TimeSpan.Zero : period;
    }

    private static IEnumerable<CronExpression> Expressions(TaskSpec spec)
    {
        var zone = spec.TimeZone is null ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(spec.TimeZone);
        return spec.QuartzCrons.Select(c => new CronExpression(c, zone));
    }
}
