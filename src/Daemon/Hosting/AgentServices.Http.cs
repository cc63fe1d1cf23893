using GitOps.Daemon.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>
    /// Makes <paramref name="host"/> the web host of the HTTP endpoints (<see cref="AgentEndpoints"/>): Kestrel on
    /// <see cref="AgentHttpOptions.Listen"/>, the endpoints mapped on this host and their dependencies resolved from its
    /// one container (<see cref="Reconciler.Reporting.Drift.DriftReportStore"/>, <see cref="Reconciler.Reporting.Metrics.AgentMetrics"/>,
    /// <see cref="ReadinessChecks"/>, <see cref="Reconciler.Reconciliation.IReconcileTrigger"/>, and an optional
    /// <see cref="ITaskRunGateway"/>). The web server is a hosted service registered here: call this before registering
    /// the other hosted services, so the port is bound (or the start fails) before any of them runs. The daemon, the
    /// integration tests and the benchmarks serve HTTP only through this.
    /// </summary>
    public static IHostBuilder AddAgentHttp(this IHostBuilder host, AgentHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        host.ConfigureWebHost(
            web => web
                .UseKestrel(kestrel => AgentHttpListener.Configure(kestrel, options))
                .ConfigureServices(services => services.AddRouting().AddSingleton(options))
                .Configure(app => app.UseRequestGuard(options).UseRouting().UseEndpoints(endpoints => endpoints.MapAgentEndpoints())),
            // The listen address comes from the agent's config only, never from ASPNETCORE_* variables.
            web => web.SuppressEnvironmentConfiguration = true);
        // After the web server's hosted service: it logs the address actually bound.
        return host.ConfigureServices(services => services.AddHostedService<AgentHttpListener>());
    }
}
