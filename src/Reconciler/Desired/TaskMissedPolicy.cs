namespace GitOps.Reconciler.Desired;

/// <summary>What happens to fires the agent was not running for.</summary>
public enum TaskMissedPolicy
{
    /// <summary>Run once when the agent is back, if the latest missed fire is within the starting deadline (the default).</summary>
    RunOnce,

    /// <summary>Record the miss and wait for the next fire.</summary>
    Skip,
}
