namespace GitOps.Reconciler.Tasks;

/// <summary>How one fire of a task ended.</summary>
public enum TaskOutcome
{
    Succeeded,
    Failed,
    TimedOut,

    /// <summary>Not run: the previous run was still going (concurrency forbid).</summary>
    Skipped,

    /// <summary>Not run: the agent was down at the fire time and the missed-run rule or its deadline said no.</summary>
    Missed,
}
