using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// A task rendered field by field, the way the planner compares and people read it. The desired side and the
/// scheduled side go through the same rendering, so equal renderings mean nothing to do.
/// </summary>
internal static class TaskFields
{
    public static void Compare(FieldDiff diff, TaskSpec want, ScheduledTask have)
    {
        var h = have.Spec;
        diff.Value("schedule", want.Schedule, h.Schedule);
        diff.Value("quartz", FieldValue.List(want.QuartzCrons), FieldValue.List(have.Crons));
        diff.Value("timeZone", TimeZoneOf(want), have.TimeZone);
        diff.Value("suspended", FieldValue.Bool(want.Suspended), FieldValue.Bool(have.Paused));
        diff.Value("exec", Exec(want.Exec), Exec(h.Exec));
        diff.Value("image", want.Image, h.Image);
        diff.Value("command", FieldValue.Arguments(want.Command), FieldValue.Arguments(h.Command));
        diff.Map("environment", want.Environment, h.Environment, v => v);
        diff.Value("volumes", FieldValue.List(want.Mounts, FieldValue.Mount), FieldValue.List(h.Mounts, FieldValue.Mount));
        diff.Value("user", want.User, h.User);
        diff.Value("working_dir", want.WorkingDir, h.WorkingDir);
        diff.Value("network", want.Network, h.Network);
        diff.Value("pull", want.PullAlways ? "always" : "missing", h.PullAlways ? "always" : "missing");
        diff.Value("timeout", FieldValue.Duration(want.Timeout), FieldValue.Duration(h.Timeout));
        diff.Value("randomDelay", FieldValue.Duration(want.RandomDelay), FieldValue.Duration(h.RandomDelay));
        diff.Value("concurrency", Name(want.Concurrency), Name(h.Concurrency));
        diff.Value("missed", Name(want.Missed), Name(h.Missed));
        diff.Value("startingDeadline", FieldValue.Duration(want.StartingDeadline), FieldValue.Duration(h.StartingDeadline));
        diff.Value("retries", FieldValue.Number(want.Retries), FieldValue.Number(h.Retries));
        diff.Value("retryDelay", FieldValue.Duration(want.RetryDelay), FieldValue.Duration(h.RetryDelay));
    }

    /// <summary>The time zone a task's triggers are built in: its own, or the host's.</summary>
    public static string TimeZoneOf(TaskSpec spec) => spec.TimeZone ?? TimeZoneInfo.Local.Id;

    private static string? Exec(TaskExecTarget? exec) => exec is null ? null : exec.Stack + "/" + exec.Service;

    private static string Name<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }
}
