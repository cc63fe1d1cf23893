namespace GitOps.Reconciler.Tasks;

/// <summary>How one attempt of a run ended on the engine.</summary>
/// <param name="Output">Everything the run printed (stdout and stderr in order), not yet masked or cut.</param>
public sealed record TaskAttempt(TaskOutcome Outcome, int? ExitCode, string Output, string? Message);
