namespace GitOps.Reconciler.Desired;

/// <summary>What a fire does while the previous run of the same task is still going.</summary>
public enum TaskConcurrency
{
    /// <summary>The fire is skipped and recorded as Skipped (the default).</summary>
    Forbid,

    /// <summary>Both run.</summary>
    Allow,

    /// <summary>The running one is stopped and the new one starts.</summary>
    Replace,
}
