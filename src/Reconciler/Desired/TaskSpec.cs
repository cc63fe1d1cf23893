using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// A scheduled task: a one-off container run (or a command in a stack's running container) on a cron schedule.
/// <see cref="Schedule"/> is the 5-field cron or macro as written; <see cref="QuartzCrons"/> its translation.
/// Crontab fires when day-of-month OR day-of-week matches if both are restricted, which one Quartz
/// expression cannot say; such a schedule becomes two expressions and the task fires when either does.
/// </summary>
/// <param name="Image">The image a run starts; empty for an <see cref="Exec"/> task.</param>
/// <param name="Command">Arguments replacing the image's default command, or null for the image's own.</param>
/// <param name="Mounts">Bind mounts of absolute host paths and named volumes, ordered by target.</param>
public sealed record TaskSpec(
    string Name,
    string Schedule,
    ValueList<string> QuartzCrons,
    string Image,
    ValueList<string>? Command,
    ValueMap<string> Environment,
    ValueList<Compose.MountSpec> Mounts,
    TimeSpan Timeout,
    bool Suspended)
{
    /// <summary>Run the command in this stack service's running container instead of a new container.</summary>
    public TaskExecTarget? Exec { get; init; }

    public string? User { get; init; }

    public string? WorkingDir { get; init; }

    /// <summary>A network of a stack on this host (its engine name) the task container joins; null for the engine's default.</summary>
    public string? Network { get; init; }

    /// <summary>Pull the image before every run; otherwise only when it is missing.</summary>
    public bool PullAlways { get; init; }

    /// <summary>IANA or system time zone id the schedule is read in; null for the host's.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Upper bound of the stable per-host delay added to every fire (zero for none).</summary>
    public TimeSpan RandomDelay { get; init; }

    public TaskConcurrency Concurrency { get; init; } = TaskConcurrency.Forbid;

    public TaskMissedPolicy Missed { get; init; } = TaskMissedPolicy.RunOnce;

    /// <summary>How late a missed fire may still be run; null for one period of the schedule.</summary>
    public TimeSpan? StartingDeadline { get; init; }

    public int Retries { get; init; }

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// For a fleet task (<c>runOn: {oneOf: G}</c>): the group whose hosts share it, one of them firing each occurrence
    /// (<see cref="FleetTaskGroup.Fleet"/> for every host); null for a task every targeted host runs itself.
    /// </summary>
    public string? RunOn { get; init; }
}
