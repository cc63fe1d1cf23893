using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// A scheduled task: a one-off container run on a cron schedule.
/// <see cref="Schedule"/> is the 5-field cron or macro as written; <see cref="QuartzCrons"/> its translation.
/// Crontab fires when day-of-month OR day-of-week matches if both are restricted, which one Quartz
/// expression cannot say; such a schedule becomes two expressions and the task fires when either does.
/// </summary>
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
    bool Suspended);
