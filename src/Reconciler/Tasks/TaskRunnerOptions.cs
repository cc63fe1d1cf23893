namespace GitOps.Reconciler.Tasks;

public sealed record TaskRunnerOptions
{
    /// <summary>The host name: seeds the random delay and owns the task containers.</summary>
    public required string Host { get; init; }

    /// <summary>Runs kept per task.</summary>
    public int HistoryKeep { get; init; } = 100;

    /// <summary>Runs older than this are dropped.</summary>
    public TimeSpan HistoryMaxAge { get; init; } = TimeSpan.FromDays(30);
}
