using System.Text;
using GitOps.Reconciler.Reporting.Drift;
using Prometheus;

namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>
/// The agent's metrics, named and documented once (docs/drift-report.md), on prometheus-net. Each agent has its own
/// <see cref="CollectorRegistry"/> (never the process-wide default), so several agents in one process, as in the
/// tests, never share a series. The daemon records into them from each stage and serves <see cref="Registry"/> on
/// <c>/metrics</c>.
/// </summary>
public sealed class AgentMetrics : IDriftReportSubscriber
{
    /// <summary>The Prometheus text exposition format that <see cref="WriteAsync"/> writes.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Seconds: from a no-op pass (one ls-remote, the engine lists; milliseconds) to a slow pull and health gate.</summary>
    public static readonly IReadOnlyList<double> DurationBounds = [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Histogram _duration;
    private readonly Counter _reconciles;
    private readonly Gauge _resources;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _revision;
    private readonly Counter _git;
    private readonly Counter _docker;

    // Replacing a gauge's series is a set then a removal: two reports must not interleave.
    private readonly Lock _replace = new();

    /// <summary>The metrics in a registry of their own.</summary>
    public AgentMetrics()
        : this(Prometheus.Metrics.NewCustomRegistry())
    {
    }

    /// <param name="registry">This agent's registry (one per agent; registering the same names twice is refused).</param>
    public AgentMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _duration = factory.CreateHistogram(
            "gitops_agent_reconcile_duration_seconds", "Duration of one reconcile, from poll to report.",
            new HistogramConfiguration { Buckets = [.. DurationBounds] });
        _reconciles = factory.CreateCounter("gitops_agent_reconciles_total", "Reconciles by outcome.", "outcome");
        _resources = factory.CreateGauge("gitops_agent_resources", "Resources of the latest drift report by kind and status.", "kind", "status");
        _lastSuccess = factory.CreateGauge("gitops_agent_last_successful_sync_timestamp_seconds", "Unix time of the last reconcile that left the host in sync.");
        _revision = factory.CreateGauge("gitops_agent_revision_info", "The revision the latest report compares against (always 1).", "commit", "ref");
        _git = factory.CreateCounter("gitops_agent_git_requests_total", "Requests to the git remote by kind (ls-remote, fetch).", "kind");
        _docker = factory.CreateCounter("gitops_agent_docker_api_calls_total", "Calls to the Docker Engine API made through the engine seam.");
    }

    public CollectorRegistry Registry { get; }

    public void ObserveReconcile(TimeSpan duration, ReconcileOutcome outcome)
    {
        _duration.Observe(duration.TotalSeconds);
        _reconciles.WithLabels(Name(outcome)).Inc();
    }

    public void LastSuccessfulSync(DateTimeOffset time) => _lastSuccess.Set(time.ToUnixTimeMilliseconds() / 1000.0);

    public void GitRequest(string kind) => _git.WithLabels(kind).Inc();

    public void DockerApiCall() => _docker.Inc();

    /// <summary>Resources by kind and status, and the revision, from a report; series of earlier reports that no longer apply disappear.</summary>
    public void Report(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var resources = report.Resources
            .GroupBy(r => (Kind: Name(r.Kind), Status: Name(r.Status)))
            .Select(g => (new[] { g.Key.Kind, g.Key.Status }, (double)g.Count()))
            .ToList();
        lock (_replace)
        {
            ReplaceAll(_resources, resources);
            ReplaceAll(_revision, report.Revision is { } revision ? [([revision.Commit, revision.Ref], 1)] : []);
        }
    }

    void IDriftReportSubscriber.Published(DriftReport? previous, DriftReport current, ReconcileOutcome? outcome) => Report(current);

    /// <summary>Writes every metric of <see cref="Registry"/> in the text format of <see cref="ContentType"/>.</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) =>
        Registry.CollectAndExportAsTextAsync(destination, ExpositionFormat.PrometheusText, cancellationToken);

    /// <summary>The exposition as text, as a scrape would read it.</summary>
    public async Task<string> RenderAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await WriteAsync(buffer, cancellationToken);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Label values in the Prometheus manner: <c>in_sync</c>, <c>rolled_back</c>, <c>no_changes</c>.</summary>
    internal static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Makes these the only series of <paramref name="gauge"/>: series not listed disappear.</summary>
    internal static void ReplaceAll(Gauge gauge, IReadOnlyList<(string[] Labels, double Value)> wanted)
    {
        foreach (var (labels, value) in wanted)
        {
            gauge.WithLabels(labels).Set(value);
        }
        var keep = wanted.Select(w => string.Join('\u0000', w.Labels)).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in gauge.GetAllLabelValues().Where(values => !keep.Contains(string.Join('\u0000', values))).ToList())
        {
            gauge.RemoveLabelled(stale);
        }
    }
}
