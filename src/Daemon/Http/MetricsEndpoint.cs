using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitOps.Daemon.Http;

/// <summary><c>/metrics</c>: the registry in the Prometheus text format, version 0.0.4.</summary>
internal static class MetricsEndpoint
{
    public static void Map(IEndpointRouteBuilder app, MetricRegistry metrics) =>
        app.MapGet("/metrics", () => Results.Text(PrometheusText.Render(metrics), PrometheusText.ContentType));
}
