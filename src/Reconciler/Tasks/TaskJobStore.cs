using System.Diagnostics.CodeAnalysis;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using Quartz;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// How a task is kept in a Quartz store, the host's own and the fleet's alike: one durable job holding the task's spec
/// and the revision that defined it, one cron trigger per Quartz expression of its schedule.
/// </summary>
internal static class TaskJobStore
{
    /// <summary>What Quartz reads of a job type by reflection (its constructor, the properties it fills from job data).</summary>
    internal const DynamicallyAccessedMemberTypes QuartzJobMembers =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.Interfaces;

    /// <summary>Every task job the matcher selects, with its triggers as they are now (a fleet task's group from its job group).</summary>
    public static async Task<IReadOnlyList<ScheduledTask>> ReadAsync(IScheduler scheduler, GroupMatcher<JobKey> jobs, CancellationToken cancellationToken)
    {
        var result = new List<ScheduledTask>();
        foreach (var key in await scheduler.GetJobKeys(jobs, cancellationToken))
        {
            var job = await scheduler.GetJobDetail(key, cancellationToken);
            if (job is null || job.JobDataMap[TaskKeys.SpecData] is not string json)
            {
                continue;
            }
            var triggers = (await scheduler.GetTriggersOfJob(key, cancellationToken)).OfType<ICronTrigger>()
                .OrderBy(t => t.Key.Name, StringComparer.Ordinal).ToList();
            var paused = false;
            foreach (var trigger in triggers)
            {
                paused |= await scheduler.GetTriggerState(trigger.Key, cancellationToken) == TriggerState.Paused;
            }
            result.Add(new ScheduledTask(
                key.Name,
                StoredTask.Read(json) with { RunOn = FleetTaskKeys.RunOnOf(key) },
                job.JobDataMap.TryGetValue(TaskKeys.RevisionData, out var revision) ? revision as string : null,
                ValueList.From(triggers.Select(t => t.CronExpressionString!)),
                triggers.FirstOrDefault()?.TimeZone.Id,
                paused,
                triggers.Select(t => t.NextFireTimeUtc).Where(t => t is not null).DefaultIfEmpty().Min(),
                triggers.Select(t => t.PreviousFireTimeUtc).Where(t => t is not null).DefaultIfEmpty().Max()));
        }
        return result;
    }

    /// <summary>Writes the task's job and triggers, replacing what was there; pauses them when the task is suspended.</summary>
    /// <param name="executionGroup">The Quartz execution group of the triggers: which nodes of a cluster may fire them.</param>
    public static async Task ScheduleAsync<[DynamicallyAccessedMembers(QuartzJobMembers)] TJob>(
        IScheduler scheduler, JobKey key, Func<int, TriggerKey> triggerKey, TaskSpec spec, string? revision, string? executionGroup, CancellationToken cancellationToken)
        where TJob : IJob
    {
        var data = new JobDataMap { [TaskKeys.SpecData] = StoredTask.Write(spec) };
        if (revision is not null)
        {
            data[TaskKeys.RevisionData] = revision;
        }
        var job = JobBuilder.Create<TJob>().WithIdentity(key).UsingJobData(data).StoreDurably().Build();
        var zone = spec.TimeZone is null ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(spec.TimeZone);
        var triggers = spec.QuartzCrons.Select((cron, i) =>
        {
            var builder = TriggerBuilder.Create()
                .WithIdentity(triggerKey(i))
                .ForJob(key)
                .WithCronSchedule(cron, b => b.InTimeZone(zone).WithMisfireInstruction(
                    spec.Missed == TaskMissedPolicy.Skip ? CronTriggerMisfireInstruction.DoNothing : CronTriggerMisfireInstruction.FireAndProceed));
            return (executionGroup is null ? builder : builder.WithExecutionGroup(executionGroup)).Build();
        }).ToList();
        await scheduler.ScheduleJob(job, triggers, ScheduleJobOptions.Replacing, cancellationToken);
        if (spec.Suspended)
        {
            await scheduler.PauseJob(key, cancellationToken);
        }
    }
}
