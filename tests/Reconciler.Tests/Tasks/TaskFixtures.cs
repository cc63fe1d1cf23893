using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Tasks;

namespace GitOps.Reconciler.Tests.Tasks;

internal static class TaskFixtures
{
    public static TaskSpec Spec(string name = "backup", string schedule = "0 * * * *", string cron = "0 0 * * * ?") => new(
        name, schedule, ValueList.Of(cron), "registry/backup:1.0", ValueList.Of("sh", "-c", "echo hi"),
        ValueMap.From([KeyValuePair.Create("TZ", "UTC")]),
        ValueList.Of(new MountSpec(MountType.Volume, "ocr_redis-data", "/data", true)),
        TimeSpan.FromMinutes(10), Suspended: false)
    {
        TimeZone = "UTC",
    };

    public static ScheduledTask Scheduled(TaskSpec spec) =>
        new(spec.Name, spec, "rev-1", spec.QuartzCrons, spec.TimeZone ?? TimeZoneInfo.Local.Id, spec.Suspended, null, null);
}
