using System.Globalization;
using System.Text.RegularExpressions;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting.Metrics;

public partial class AgentMetricsTests
{
    private static AgentMetrics Busy()
    {
        var metrics = new AgentMetrics();
        metrics.ObserveReconcile(TimeSpan.FromMilliseconds(40), ReconcileOutcome.NoChanges);
        metrics.ObserveReconcile(TimeSpan.FromSeconds(3), ReconcileOutcome.Applied);
        metrics.ObserveReconcile(TimeSpan.FromMinutes(20), ReconcileOutcome.Failed);
        metrics.Report(SampleReports.Mixed());
        metrics.LastSuccessfulSync(new DateTimeOffset(2026, 11, 23, 10, 0, 0, 500, TimeSpan.Zero));
        metrics.GitRequest("ls-remote");
        metrics.GitRequest("ls-remote");
        metrics.GitRequest("fetch");
        metrics.DockerApiCall();
        return metrics;
    }

    private static Task<string> RenderAsync(AgentMetrics metrics) => metrics.RenderAsync(CancellationToken.None);

    /// <summary>The value of the sample written exactly as <paramref name="series"/> (name and labels); null when absent.</summary>
    private static double? Value(string text, string series)
    {
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Render_AgentMetrics_EveryFamilyWithHelpAndType()
    {
        var text = await RenderAsync(Busy());

        Assert.Equal(
            [
                ("gitops_agent_docker_api_calls_total", "counter"),
                ("gitops_agent_git_requests_total", "counter"),
                ("gitops_agent_last_successful_sync_timestamp_seconds", "gauge"),
                ("gitops_agent_reconcile_duration_seconds", "histogram"),
                ("gitops_agent_reconciles_total", "counter"),
                ("gitops_agent_resources", "gauge"),
                ("gitops_agent_revision_info", "gauge"),
            ],
            TypeLine().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Order());
        Assert.Equal(7, HelpLine().Matches(text).Count);
    }

    [Fact]
    public async Task Render_AgentMetrics_Values()
    {
        var text = await RenderAsync(Busy());

        Assert.Equal(1, Value(text, "gitops_agent_reconciles_total{outcome=\"no_changes\"}"));
        Assert.Equal(1, Value(text, "gitops_agent_reconciles_total{outcome=\"applied\"}"));
        Assert.Equal(2, Value(text, "gitops_agent_git_requests_total{kind=\"ls-remote\"}"));
        Assert.Equal(1, Value(text, "gitops_agent_docker_api_calls_total"));
        Assert.Equal(
            new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() + 0.5,
            Value(text, "gitops_agent_last_successful_sync_timestamp_seconds"));
        Assert.Equal(2, Value(text, "gitops_agent_resources{kind=\"service\",status=\"drifted\"}"));
        Assert.Equal(1, Value(text, "gitops_agent_resources{kind=\"service\",status=\"suspended\"}"));
        Assert.Equal(1, Value(text, $"gitops_agent_revision_info{{commit=\"{SampleReports.Revision.Commit}\",ref=\"refs/heads/main\"}}"));
    }

    [Fact]
    public async Task Render_Histogram_DocumentedBucketsCumulativeSumAndCount()
    {
        var text = await RenderAsync(Busy());

        double? Bucket(string le) => Value(text, $"gitops_agent_reconcile_duration_seconds_bucket{{le=\"{le}\"}}");
        Assert.Equal(0, Bucket("0.02"));
        Assert.Equal(1, Bucket("0.05"));
        Assert.Equal(1, Bucket("2.5"));
        Assert.Equal(2, Bucket("5"));
        Assert.Equal(2, Bucket("300"));
        Assert.Equal(3, Bucket("+Inf"));
        Assert.Equal(16, text.Split('\n').Count(l => l.StartsWith("gitops_agent_reconcile_duration_seconds_bucket{", StringComparison.Ordinal)));
        Assert.Equal(3, Value(text, "gitops_agent_reconcile_duration_seconds_count"));
        Assert.Equal(1203.04, Value(text, "gitops_agent_reconcile_duration_seconds_sum")!.Value, 6);
    }

    [Fact]
    public async Task Render_NothingRecorded_UnlabelledSeriesZeroAndNoLabelledSeries()
    {
        var text = await RenderAsync(new AgentMetrics());

        Assert.Equal(0, Value(text, "gitops_agent_docker_api_calls_total"));
        Assert.Equal(0, Value(text, "gitops_agent_reconcile_duration_seconds_count"));
        Assert.DoesNotContain("gitops_agent_reconciles_total{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("gitops_agent_resources{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NewRevision_OldRevisionAndStatusesGone()
    {
        var metrics = Busy();
        var next = SampleReports.InSync() with { Revision = SampleReports.Revision with { Commit = "ffff" } };

        metrics.Report(next);

        var text = await RenderAsync(metrics);
        Assert.Equal(["gitops_agent_revision_info{commit=\"ffff\",ref=\"refs/heads/main\"} 1"], text.Split('\n').Where(l => l.StartsWith("gitops_agent_revision_info{", StringComparison.Ordinal)));
        var resources = text.Split('\n').Where(l => l.StartsWith("gitops_agent_resources{", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(resources);
        Assert.All(resources, l => Assert.Contains("status=\"in_sync\"", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AgentMetrics_TwoInOneProcess_DoNotShareSeries()
    {
        var busy = Busy();
        var quiet = new AgentMetrics();

        busy.DockerApiCall();

        Assert.Equal(2, Value(await RenderAsync(busy), "gitops_agent_docker_api_calls_total"));
        Assert.Equal(0, Value(await RenderAsync(quiet), "gitops_agent_docker_api_calls_total"));
        Assert.Null(Value(await RenderAsync(quiet), "gitops_agent_git_requests_total{kind=\"ls-remote\"}"));
    }

    [GeneratedRegex("^# TYPE (\\S+) (\\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex("^# HELP \\S+ \\S.*$", RegexOptions.Multiline)]
    private static partial Regex HelpLine();
}
