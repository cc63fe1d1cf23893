using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Http;

/// <summary>
/// The daemon's HTTP endpoints: <c>/healthz</c>, <c>/readyz</c>, <c>/status</c>, <c>/metrics</c>, <c>POST /reconcile</c>
/// and the task endpoints (<see cref="TaskEndpoints"/>, only where an <see cref="ITaskRunGateway"/> is registered),
/// their dependencies taken from the host's container. The webhook secret is read here, once, when the server starts.
/// </summary>
public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<AgentHttpOptions>();
        var secret = WebhookSecret.Read(options.WebhookSecretFile);
        HealthEndpoints.Map(endpoints, services.GetRequiredService<ReadinessChecks>());
        StatusEndpoint.Map(endpoints, services.GetRequiredService<DriftReportStore>());
        MetricsEndpoint.Map(endpoints, services.GetRequiredService<AgentMetrics>());
        ReconcileEndpoint.Map(endpoints, secret, options.MaxWebhookBodyBytes, services.GetRequiredService<IReconcileTrigger>(),
            services.GetRequiredService<ILogger<ReconcileEndpoint>>());
        TaskEndpoints.Map(endpoints, secret, options.MaxWebhookBodyBytes, services.GetService<ITaskRunGateway>(),
            services.GetRequiredService<ILogger<TaskEndpoints>>());
        return endpoints;
    }
}
