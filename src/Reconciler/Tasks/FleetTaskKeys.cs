using GitOps.Reconciler.Desired;
using Quartz;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// How fleet tasks are named in the fleet's clustered Quartz store. The job group holds the task's group (so the same
/// task name in two groups never collides), and the triggers' execution group tells which nodes may fire them: a host
/// serves <c>fleet</c> and <c>group:G</c> for each of its groups, so only the hosts of G fire G's tasks.
/// </summary>
public static class FleetTaskKeys
{
    /// <summary>The scheduler name every agent of the fleet shares: one cluster, one node per host.</summary>
    public const string SchedulerName = "gitops-agent-fleet-tasks";

    public const string GroupPrefix = "gitops-agent.fleet-tasks/";

    public static JobKey Job(string task, string runOn) => new(task, GroupPrefix + runOn);

    public static TriggerKey Trigger(string task, string runOn, int index) => new($"{task}#{index}", GroupPrefix + runOn);

    /// <summary>The group a fleet task's job group names; null for a job group that is not a fleet task's.</summary>
    public static string? RunOnOf(JobKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Group.StartsWith(GroupPrefix, StringComparison.Ordinal) ? key.Group[GroupPrefix.Length..] : null;
    }

    public static string ExecutionGroup(string runOn) => runOn == FleetTaskGroup.Fleet ? FleetTaskGroup.Fleet : "group:" + runOn;

    /// <summary>The execution groups a host of <paramref name="groups"/> serves, ordered.</summary>
    public static IReadOnlyList<string> Served(IEnumerable<string> groups) =>
        [FleetTaskGroup.Fleet, .. groups.Where(g => g != FleetTaskGroup.Fleet).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(ExecutionGroup)];

    /// <summary>How a fleet task is shown in plans and reports: <c>backup@prod</c>.</summary>
    public static string Display(string task, string runOn) => task + "@" + runOn;
}
