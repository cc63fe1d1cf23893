using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitOps.Daemon.Http;

/// <summary><c>/metrics</c>: this agent's metrics in the Prometheus text format, version 0.0.4.</summary>
internal static class MetricsEndpoint
{
    public static void Map(IEndpointRouteBuilder app, AgentMetrics metrics) =>
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = AgentMetrics.ContentType;
            await metrics.WriteAsync(context.Response.Body, context.RequestAborted);
        });
}
