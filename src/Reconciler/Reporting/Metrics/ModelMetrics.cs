using GitOps.Reconciler.Common;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>The models kind's metrics: bytes downloaded, download time, verification failures, models by status.</summary>
public sealed class ModelMetrics
{
    /// <summary>Seconds: from a small file on loopback to a multi-gigabyte model.</summary>
    public static readonly IReadOnlyList<double> DownloadBounds = [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

    private readonly Counter _bytes;
    private readonly Histogram _duration;
    private readonly Counter _verificationFailures;
    private readonly Gauge _models;

    public ModelMetrics(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _bytes = registry.Counter("gitops_agent_model_bytes_downloaded_total", "Bytes of model files received from their sources.");
        _duration = registry.Histogram("gitops_agent_model_download_duration_seconds", "Duration of the downloads of one pass that had any.", DownloadBounds);
        _verificationFailures = registry.Counter("gitops_agent_model_verification_failures_total", "Model files refused because their sha256 differed.");
        _models = registry.Gauge("gitops_agent_models", "Models of the latest drift report by status.", "status");
    }

    public void Observe(IReadOnlyList<ModelOutcome>? outcomes)
    {
        if (outcomes is null)
        {
            return;
        }
        _bytes.Inc(outcomes.Sum(o => o.BytesDownloaded));
        if (outcomes.Where(o => o.DownloadDuration > TimeSpan.Zero).Select(o => o.DownloadDuration).DefaultIfEmpty().Max() is { } took && took > TimeSpan.Zero)
        {
            _duration.Observe(took.TotalSeconds);
        }
        _verificationFailures.Inc(outcomes.Count(o => o.Status == ModelStatus.Failed && o.Message?.Contains("sha256 of ", StringComparison.Ordinal) == true));
    }

    public void Report(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _models.ReplaceAll((report.Models ?? ValueList<DriftModel>.Empty).GroupBy(m => AgentMetrics.Name(m.Status)).Select(g => (new[] { g.Key }, (double)g.Count())));
    }
}
