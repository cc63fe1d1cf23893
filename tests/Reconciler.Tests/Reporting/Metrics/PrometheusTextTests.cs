using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting.Metrics;

public class PrometheusTextTests
{
    private static AgentMetrics Busy()
    {
        var metrics = new AgentMetrics(new MetricRegistry());
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

    [Fact]
    public void Render_AgentMetrics_ParsesStrictlyWithEveryFamily()
    {
        var families = PrometheusTextParser.Parse(PrometheusText.Render(Busy().Registry));

        Assert.Equal(
            [
                ("gitops_agent_reconcile_duration_seconds", "histogram"),
                ("gitops_agent_reconciles_total", "counter"),
                ("gitops_agent_resources", "gauge"),
                ("gitops_agent_last_successful_sync_timestamp_seconds", "gauge"),
                ("gitops_agent_revision_info", "gauge"),
                ("gitops_agent_git_requests_total", "counter"),
                ("gitops_agent_docker_api_calls_total", "counter"),
                ("gitops_agent_model_bytes_downloaded_total", "counter"),
                ("gitops_agent_model_download_duration_seconds", "histogram"),
                ("gitops_agent_model_verification_failures_total", "counter"),
                ("gitops_agent_models", "gauge"),
            ],
            families.Values.Select(f => (f.Name, f.Type!)));
        Assert.All(families.Values, f => Assert.False(string.IsNullOrWhiteSpace(f.Help)));
    }

    [Fact]
    public void Render_AgentMetrics_Values()
    {
        var families = PrometheusTextParser.Parse(PrometheusText.Render(Busy().Registry));

        Assert.Equal(1, families["gitops_agent_reconciles_total"].Value(("outcome", "no_changes")));
        Assert.Equal(1, families["gitops_agent_reconciles_total"].Value(("outcome", "applied")));
        Assert.Equal(2, families["gitops_agent_git_requests_total"].Value(("kind", "ls-remote")));
        Assert.Equal(1, families["gitops_agent_docker_api_calls_total"].Value());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() + 0.5, families["gitops_agent_last_successful_sync_timestamp_seconds"].Value());
        Assert.Equal(2, families["gitops_agent_resources"].Value(("kind", "service"), ("status", "drifted")));
        Assert.Equal(1, families["gitops_agent_resources"].Value(("kind", "service"), ("status", "suspended")));
        Assert.Equal(1, families["gitops_agent_revision_info"].Value(("commit", SampleReports.Revision.Commit), ("ref", "refs/heads/main")));
    }

    [Fact]
    public void Render_Histogram_CumulativeBucketsSumAndCount()
    {
        var family = PrometheusTextParser.Parse(PrometheusText.Render(Busy().Registry))["gitops_agent_reconcile_duration_seconds"];

        double Bucket(string le) => Assert.Single(family.Samples, s => s.Name.EndsWith("_bucket", StringComparison.Ordinal) && s.Label("le") == le).Value;
        Assert.Equal(1, Bucket("0.05"));
        Assert.Equal(1, Bucket("2.5"));
        Assert.Equal(2, Bucket("5"));
        Assert.Equal(2, Bucket("300"));
        Assert.Equal(3, Bucket("+Inf"));
        Assert.Equal(3, Assert.Single(family.Samples, s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Value);
        Assert.Equal(1203.04, Assert.Single(family.Samples, s => s.Name.EndsWith("_sum", StringComparison.Ordinal)).Value, 6);
    }

    [Fact]
    public void Render_LabelValueWithQuoteBackslashAndNewline_EscapedAndReadBack()
    {
        var registry = new MetricRegistry();
        const string Awkward = "a\"b\\c\nd";
        registry.Counter("odd_total", "Odd labels.", "value").WithLabels(Awkward).Inc();

        var text = PrometheusText.Render(registry);

        Assert.Contains("odd_total{value=\"a\\\"b\\\\c\\nd\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal(Awkward, PrometheusTextParser.Parse(text)["odd_total"].Samples[0].Label("value"));
    }

    [Fact]
    public void Render_HelpWithNewlineAndBackslash_Escaped()
    {
        var registry = new MetricRegistry();
        registry.Gauge("g", "two\nlines \\ here");

        Assert.StartsWith("# HELP g two\\nlines \\\\ here\n# TYPE g gauge\ng 0\n", PrometheusText.Render(registry), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LabelledFamilyWithoutSeries_OnlyHelpAndType()
    {
        var registry = new MetricRegistry();
        registry.Counter("requests_total", "Requests.", "kind");

        Assert.Equal("# HELP requests_total Requests.\n# TYPE requests_total counter\n", PrometheusText.Render(registry));
    }

    [Fact]
    public void Report_NewRevision_OldRevisionAndStatusesGone()
    {
        var metrics = Busy();
        var next = SampleReports.InSync() with { Revision = SampleReports.Revision with { Commit = "ffff" } };

        metrics.Report(next);

        var families = PrometheusTextParser.Parse(PrometheusText.Render(metrics.Registry));
        Assert.Equal("ffff", Assert.Single(families["gitops_agent_revision_info"].Samples).Label("commit"));
        Assert.All(families["gitops_agent_resources"].Samples, s => Assert.Equal("in_sync", s.Label("status")));
    }

    [Fact]
    public void Number_SpecialValues_PrometheusSpelling()
    {
        Assert.Equal(["+Inf", "-Inf", "NaN", "0.1", "1", "1E-07"], new[] { double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0.1, 1, 1e-7 }.Select(PrometheusText.Number));
    }

    [Fact]
    public void Counter_ConcurrentIncrements_NoneLost()
    {
        var registry = new MetricRegistry();
        var counter = registry.Counter("hits_total", "Hits.", "kind");
        var histogram = registry.Histogram("latency_seconds", "Latency.", [0.5, 1]);

        Parallel.For(0, 10_000, i =>
        {
            counter.WithLabels(i % 2 == 0 ? "even" : "odd").Inc();
            histogram.Observe(i % 3 * 0.5);
            if (i % 1000 == 0)
            {
                PrometheusTextParser.Parse(PrometheusText.Render(registry));
            }
        });

        var families = PrometheusTextParser.Parse(PrometheusText.Render(registry));
        Assert.Equal(5000, families["hits_total"].Value(("kind", "even")));
        Assert.Equal(10_000, Assert.Single(families["latency_seconds"].Samples, s => s.Name == "latency_seconds_count").Value);
    }

    [Fact]
    public void Registry_DuplicateName_Refused()
    {
        var registry = new MetricRegistry();
        registry.Counter("x_total", "X.");

        Assert.Throws<ArgumentException>(() => registry.Gauge("x_total", "X again."));
    }

    [Theory]
    [InlineData("bad-name", "ok")]
    [InlineData("ok", "bad-label")]
    [InlineData("ok", "le")]
    [InlineData("ok", "__reserved")]
    public void Registry_InvalidNames_Refused(string name, string label)
    {
        Assert.Throws<ArgumentException>(() => new MetricRegistry().Histogram(name, "h", [1], label));
    }

    [Fact]
    public void WithLabels_WrongNumberOfValues_Refused()
    {
        var counter = new MetricRegistry().Counter("c_total", "C.", "a", "b");

        Assert.Throws<ArgumentException>(() => counter.WithLabels("only-one"));
    }

    [Fact]
    public void Counter_NegativeIncrement_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricRegistry().Counter("c_total", "C.").Inc(-1));
    }

    [Fact]
    public void Histogram_UnorderedBounds_Refused()
    {
        Assert.Throws<ArgumentException>(() => new MetricRegistry().Histogram("h", "H.", [1, 0.5]));
    }
}
