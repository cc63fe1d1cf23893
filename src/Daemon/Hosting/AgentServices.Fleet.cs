using System.Reflection;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>The agent's version as <c>gitops-agent version</c> prints it, written to the fleet store with each report.</summary>
    public static string AgentVersion =>
        typeof(AgentServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>
    /// The fleet slice, only with <c>fleet:</c> in agent.yaml: the store, the reporter that the report publisher tells of
    /// each report, and the background writer (run by the daemon; a pipeline outside it runs
    /// <see cref="FleetReporter.RunAsync"/> itself).
    /// </summary>
    public static IServiceCollection AddFleet(this IServiceCollection services, AgentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Fleet is not { } fleet)
        {
            return services;
        }
        services.TryAddSingleton<IFleetStore>(_ => PostgresFleetStore.Open(fleet.ConnectionStringFile));
        services.TryAddSingleton(provider => new FleetReporter(
            provider.GetRequiredService<IFleetStore>(), config.Host, AgentVersion, config.PollInterval,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<FleetReporter>>())
        {
            Metrics = provider.GetService<AgentMetrics>() is { } metrics ? new FleetMetrics(metrics) : null,
            RetryCap = config.RetryMaxBackoff,
        });
        services.AddHostedService<FleetReportService>();
        return services;
    }
}
