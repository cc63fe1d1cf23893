using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// A scheduled task: a one-off container run on a cron schedule.
/// <see cref="Schedule"/> is the 5-field cron or macro as written; <see cref="QuartzCron"/> its translation.
/// </summary>
public sealed record TaskSpec(
    string Name,
    string Schedule,
    string QuartzCron,
    string Image,
    ValueList<string>? Command,
    ValueMap<string> Environment,
    ValueList<Compose.MountSpec> Mounts,
    TimeSpan Timeout,
    bool Suspended);
