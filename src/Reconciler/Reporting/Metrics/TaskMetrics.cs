using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Tasks;
using Prometheus;

namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>
/// The scheduled tasks' metrics: runs by task and outcome, run duration, last success and next fire per task.
/// Runs are recorded as they end; next fire times follow each report's tasks section.
/// </summary>
public sealed class TaskMetrics
{
    /// <summary>Seconds: from a one-line housekeeping exec to an hour-long backup.</summary>
    public static readonly IReadOnlyList<double> DurationBounds = [0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800, 3600];

    private readonly Counter _runs;
    private readonly Histogram _duration;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _nextFire;

    /// <param name="agent">The agent's metrics: the task series go into its registry, served on the same <c>/metrics</c>.</param>
    public TaskMetrics(AgentMetrics agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var factory = Prometheus.Metrics.WithCustomRegistry(agent.Registry);
        _runs = factory.CreateCounter("gitops_agent_task_runs_total", "Task fires by task and outcome (succeeded, failed, timed_out, skipped, missed).", "task", "outcome");
        _duration = factory.CreateHistogram(
            "gitops_agent_task_run_duration_seconds", "Duration of task runs that ran (retries included).",
            new HistogramConfiguration { Buckets = [.. DurationBounds], LabelNames = ["task"] });
        _lastSuccess = factory.CreateGauge("gitops_agent_task_last_success_timestamp_seconds", "Unix time a task's last successful run ended.", "task");
        _nextFire = factory.CreateGauge("gitops_agent_task_next_fire_timestamp_seconds", "Unix time of a task's next scheduled fire (absent while suspended).", "task");
    }

    public void Run(TaskRunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _runs.WithLabels(run.Task, AgentMetrics.Name(run.Outcome)).Inc();
        if (run.Outcome is TaskOutcome.Succeeded or TaskOutcome.Failed or TaskOutcome.TimedOut)
        {
            _duration.WithLabels(run.Task).Observe(run.Duration.TotalSeconds);
        }
        if (run.Outcome == TaskOutcome.Succeeded)
        {
            _lastSuccess.WithLabels(run.Task).Set(Seconds(run.EndedAt));
        }
    }

    /// <summary>Next fire times from a tasks section; tasks gone or paused lose their series.</summary>
    public void Report(ValueList<DriftTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        AgentMetrics.ReplaceAll(_nextFire, [.. tasks.Where(t => t.NextFire is not null).Select(t => (new[] { t.Name }, Seconds(t.NextFire!.Value)))]);
    }

    private static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;
}
