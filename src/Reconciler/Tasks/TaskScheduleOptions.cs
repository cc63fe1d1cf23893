namespace GitOps.Reconciler.Tasks;

public sealed record TaskScheduleOptions
{
    /// <summary>Where the job store lives (<see cref="TaskSchedule.FileName"/> in it).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>How late a fire may start before it counts as missed (then the task's missed-run rule applies).</summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Task runs at once; beyond this, fires wait for a free slot.</summary>
    public int MaxConcurrentRuns { get; init; } = 10;
}
