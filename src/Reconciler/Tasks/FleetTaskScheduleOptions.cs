namespace GitOps.Reconciler.Tasks;

public sealed record FleetTaskScheduleOptions
{
    /// <summary>The fleet store's Npgsql connection string (never logged).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>This host's name: its node's instance id in the cluster, unique in the fleet.</summary>
    public required string Host { get; init; }

    /// <summary>How often the node records that it is alive; a node silent for this plus <see cref="CheckinMisfireThreshold"/> is taken for dead and its fires recovered.</summary>
    public TimeSpan CheckinInterval { get; init; } = TimeSpan.FromSeconds(7.5);

    public TimeSpan CheckinMisfireThreshold { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How late a fire may start before it counts as missed (then the task's missed-run rule applies).</summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the node waits for work when nothing is due; a trigger written by another node is seen within it.</summary>
    public TimeSpan IdleWaitTime { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxConcurrentRuns { get; init; } = 10;
}
