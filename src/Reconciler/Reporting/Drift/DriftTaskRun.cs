using GitOps.Reconciler.Tasks;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>A task's last run that ran, as the report shows it (its output stays in history: <c>task logs</c>).</summary>
/// <param name="Id">The run's id in history.</param>
public sealed record DriftTaskRun(long Id, TaskOutcome Outcome, DateTimeOffset StartedAt, double DurationSeconds, int? ExitCode, string? Message);
