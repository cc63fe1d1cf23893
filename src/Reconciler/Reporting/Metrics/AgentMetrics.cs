using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>
/// The agent's metrics, named and documented once. The daemon records into them from each stage and serves
/// <see cref="Registry"/> on <c>/metrics</c>.
/// </summary>
public sealed class AgentMetrics
{
    /// <summary>Seconds: from a no-op pass (one ls-remote, one container list) to a slow pull and health gate.</summary>
    public static readonly IReadOnlyList<double> DurationBounds = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Histogram _duration;
    private readonly Counter _reconciles;
    private readonly Gauge _resources;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _revision;
    private readonly Counter _git;
    private readonly Counter _docker;

    public AgentMetrics(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        _duration = registry.Histogram("gitops_agent_reconcile_duration_seconds", "Duration of one reconcile, from poll to report.", DurationBounds);
        _reconciles = registry.Counter("gitops_agent_reconciles_total", "Reconciles by outcome.", "outcome");
        _resources = registry.Gauge("gitops_agent_resources", "Resources of the latest drift report by kind and status.", "kind", "status");
        _lastSuccess = registry.Gauge("gitops_agent_last_successful_sync_timestamp_seconds", "Unix time of the last reconcile that left the host in sync.");
        _revision = registry.Gauge("gitops_agent_revision_info", "The revision the latest report compares against (always 1).", "commit", "ref");
        _git = registry.Counter("gitops_agent_git_requests_total", "Requests to the git remote by kind (ls-remote, fetch).", "kind");
        _docker = registry.Counter("gitops_agent_docker_api_calls_total", "Calls to the Docker Engine API.");
        Models = new ModelMetrics(registry);
    }

    public ModelMetrics Models { get; }

    public MetricRegistry Registry { get; }

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
        _resources.ReplaceAll(report.Resources
            .GroupBy(r => (Kind: Name(r.Kind), Status: Name(r.Status)))
            .Select(g => (new[] { g.Key.Kind, g.Key.Status }, (double)g.Count())));
        _revision.ReplaceAll(report.Revision is { } revision ? [([revision.Commit, revision.Ref], 1)] : []);
        Models.Report(report);
    }

    /// <summary>Label values in the Prometheus manner: <c>in_sync</c>, <c>rolled_back</c>, <c>no_changes</c>.</summary>
    internal static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
