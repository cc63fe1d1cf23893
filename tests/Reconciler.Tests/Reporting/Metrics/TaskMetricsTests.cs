using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Tasks;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting.Metrics;

public sealed class TaskMetricsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static TaskRunRecord Run(string task, TaskOutcome outcome, double seconds) =>
        new(task, At, At, At.AddSeconds(seconds), outcome, null, "", null, null, TaskFire.Scheduled, 1);

    [Fact]
    public async Task Render_RunsAndReport_RunsByOutcomeDurationsOfRunsThatRanLastSuccessAndNextFire()
    {
        var agent = new AgentMetrics();
        var metrics = new TaskMetrics(agent);
        metrics.Run(Run("backup", TaskOutcome.Succeeded, 2));
        metrics.Run(Run("backup", TaskOutcome.TimedOut, 600));
        metrics.Run(Run("backup", TaskOutcome.Skipped, 0));
        metrics.Report(SampleReports.Tasks());

        var text = await agent.RenderAsync(CancellationToken.None);

        Assert.Contains("gitops_agent_task_runs_total{task=\"backup\",outcome=\"succeeded\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("gitops_agent_task_runs_total{task=\"backup\",outcome=\"timed_out\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("gitops_agent_task_runs_total{task=\"backup\",outcome=\"skipped\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("gitops_agent_task_run_duration_seconds_count{task=\"backup\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("gitops_agent_task_last_success_timestamp_seconds{task=\"backup\"} 1795428002", text, StringComparison.Ordinal);
        Assert.Contains("gitops_agent_task_next_fire_timestamp_seconds{task=\"cleanup\"}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("gitops_agent_task_next_fire_timestamp_seconds{task=\"report\"}", text, StringComparison.Ordinal);
    }
}
