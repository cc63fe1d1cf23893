using Quartz;

namespace GitOps.Reconciler.Tasks;

/// <summary>How tasks are named in the Quartz store: one job per task in the agent's group, one trigger per cron expression.</summary>
public static class TaskKeys
{
    public const string Group = "gitops-agent.tasks";

    /// <summary>Job data key of the task's spec as stored (<see cref="StoredTask"/> JSON).</summary>
    public const string SpecData = "spec";

    /// <summary>Job data key of the revision whose definition the stored spec is.</summary>
    public const string RevisionData = "revision";

    /// <summary>Trigger data key set on a run a person asked for.</summary>
    public const string ManualData = "manual";

    /// <summary>Trigger data key of the request id of a run a person asked for.</summary>
    public const string RequestData = "request";

    public static JobKey Job(string task) => new(task, Group);

    public static TriggerKey Trigger(string task, int index) => new($"{task}#{index}", Group);
}
