using System.Globalization;
using System.Text.RegularExpressions;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reporting.Metrics;

public sealed partial class ModelMetricsTests
{
    private static DriftModel Model(string name, ResourceStatus status) =>
        new(name, "1", new string('a', 64), "/srv/models/" + name, ValueList<string>.Empty, status, ValueList<string>.Empty, null, null);

    private static double? Value(string text, string series)
    {
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Render_OutcomesAndReport_BytesLongestDownloadVerificationFailuresAndModelsByStatus()
    {
        var agent = new AgentMetrics();
        var metrics = new ModelMetrics(agent);
        metrics.Observe(
        [
            new ModelOutcome("ocr", ModelStatus.Switched, null, 1000, TimeSpan.FromSeconds(2)),
            new ModelOutcome("layout", ModelStatus.Failed, "model layout: sha256 of layout.onnx: want aaaa, have bbbb", 500, TimeSpan.FromSeconds(3)),
            new ModelOutcome("asr", ModelStatus.InSync, null, 0, TimeSpan.Zero),
        ]);
        metrics.Report(SampleReports.InSync() with { Models = ValueList.Of(Model("ocr", ResourceStatus.InSync), Model("layout", ResourceStatus.Failed), Model("asr", ResourceStatus.InSync)) });

        var text = await agent.RenderAsync(CancellationToken.None);

        Assert.Equal(1500, Value(text, "gitops_agent_model_bytes_downloaded_total"));
        Assert.Equal(1, Value(text, "gitops_agent_model_download_duration_seconds_count"));
        Assert.Equal(3, Value(text, "gitops_agent_model_download_duration_seconds_sum"));
        Assert.Equal(1, Value(text, "gitops_agent_model_verification_failures_total"));
        Assert.Equal(2, Value(text, "gitops_agent_models{status=\"in_sync\"}"));
        Assert.Equal(1, Value(text, "gitops_agent_models{status=\"failed\"}"));
    }

    [Fact]
    public async Task Report_StatusGone_SeriesRemoved()
    {
        var agent = new AgentMetrics();
        var metrics = new ModelMetrics(agent);
        metrics.Report(SampleReports.InSync() with { Models = ValueList.Of(Model("ocr", ResourceStatus.Failed)) });
        metrics.Report(SampleReports.InSync() with { Models = ValueList.Of(Model("ocr", ResourceStatus.InSync)) });

        var text = await agent.RenderAsync(CancellationToken.None);

        Assert.Null(Value(text, "gitops_agent_models{status=\"failed\"}"));
        Assert.Equal(1, Value(text, "gitops_agent_models{status=\"in_sync\"}"));
    }

    [Fact]
    public async Task Observe_NoDownloads_NoDurationObserved()
    {
        var agent = new AgentMetrics();
        new ModelMetrics(agent).Observe([new ModelOutcome("ocr", ModelStatus.Healed, null, 0, TimeSpan.Zero)]);

        var text = await agent.RenderAsync(CancellationToken.None);

        Assert.Equal(0, Value(text, "gitops_agent_model_download_duration_seconds_count"));
    }

    /// <summary>The daemon's registry (agent, task and model metrics) holds exactly the families the table of docs/drift-report.md lists.</summary>
    [Fact]
    public async Task Render_AgentTaskAndModelMetrics_AsDocumented()
    {
        var agent = new AgentMetrics();
        _ = new TaskMetrics(agent);
        _ = new ModelMetrics(agent);
        _ = new GitOps.Reconciler.Fleet.FleetMetrics(agent);
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GitOps.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var page = await File.ReadAllTextAsync(Path.Combine(root.FullName, "docs", "drift-report.md"));

        var text = await agent.RenderAsync(CancellationToken.None);

        var documented = DocumentedRow().Matches(page).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Order().ToList();
        Assert.Contains(("gitops_agent_models", "gauge"), documented);
        Assert.Equal(documented, TypeLine().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Order());
    }

    [GeneratedRegex("^# TYPE (\\S+) (\\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex("^\\| `(gitops_agent_[a-z_]+)` \\| ([a-z]+)", RegexOptions.Multiline)]
    private static partial Regex DocumentedRow();
}
