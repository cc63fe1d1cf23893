using GitOps.Reconciler.Common;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Reporting.Drift;
using Prometheus;

namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>
/// The models kind's metrics: bytes downloaded, download time, verification failures, models by status. Downloads are
/// recorded as a pass applies the models; models by status follow each published report's models section.
/// </summary>
public sealed class ModelMetrics : IDriftReportSubscriber
{
    /// <summary>Seconds: from a small file on loopback to a multi-gigabyte model.</summary>
    public static readonly IReadOnlyList<double> DownloadBounds = [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

    private readonly Counter _bytes;
    private readonly Histogram _duration;
    private readonly Counter _verificationFailures;
    private readonly Gauge _models;

    /// <param name="agent">The agent's metrics: the model series go into its registry, served on the same <c>/metrics</c>.</param>
    public ModelMetrics(AgentMetrics agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var factory = Prometheus.Metrics.WithCustomRegistry(agent.Registry);
        _bytes = factory.CreateCounter("gitops_agent_model_bytes_downloaded_total", "Bytes of model files received from their sources.");
        _duration = factory.CreateHistogram(
            "gitops_agent_model_download_duration_seconds", "Duration of the downloads of one pass that had any.",
            new HistogramConfiguration { Buckets = [.. DownloadBounds] });
        _verificationFailures = factory.CreateCounter("gitops_agent_model_verification_failures_total", "Model files refused because their sha256 differed.");
        _models = factory.CreateGauge("gitops_agent_models", "Models of the latest drift report by status.", "status");
    }

    /// <summary>What one pass's apply of the models did: bytes received, the time its downloads took, files refused by hash.</summary>
    public void Observe(IReadOnlyList<ModelOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        _bytes.Inc(outcomes.Sum(o => o.BytesDownloaded));
        // The downloads of a pass run side by side: their time is the longest, observed once.
        var took = outcomes.Select(o => o.DownloadDuration).DefaultIfEmpty(TimeSpan.Zero).Max();
        if (took > TimeSpan.Zero)
        {
            _duration.Observe(took.TotalSeconds);
        }
        _verificationFailures.Inc(outcomes.Count(o => o.Status == ModelStatus.Failed && o.Message?.Contains("sha256 of ", StringComparison.Ordinal) == true));
    }

    /// <summary>Models by status from a report; statuses no longer present lose their series.</summary>
    public void Report(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        AgentMetrics.ReplaceAll(_models, [.. (report.Models ?? ValueList<DriftModel>.Empty)
            .GroupBy(m => AgentMetrics.Name(m.Status))
            .Select(g => (new[] { g.Key }, (double)g.Count()))]);
    }

    void IDriftReportSubscriber.Published(DriftReport? previous, DriftReport current, ReconcileOutcome? outcome) => Report(current);
}
