using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Reporting.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>
    /// The reporting slice: the drift report store, its publisher (metrics, the models' metrics, notifications and the
    /// fleet store when registered: the daemon registers them, one-shot verbs and tests none) and the pass's reporter.
    /// </summary>
    public static IServiceCollection AddAgentReporting(this IServiceCollection services, string stateDirectory, string refName)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ =>
        {
            Directory.CreateDirectory(stateDirectory);
            return new DriftReportStore(stateDirectory);
        });
        services.TryAddSingleton(provider => new DriftReportPublisher(
            provider.GetRequiredService<DriftReportStore>(), provider.GetService<AgentMetrics>(), provider.GetService<ModelMetrics>(), provider.GetService<TransitionPublisher>(),
            provider.GetService<FleetReporter>())
        {
            Warnings = provider.GetService<Reconciler.Configuration.AgentConfig>()?.Policy.Warning is { } warning ? Reconciler.Common.ValueList.Of(warning) : null,
        });
        services.TryAddSingleton<IPassReporter>(provider => new ReconcileCycleReporter(
            provider.GetRequiredService<DriftReportPublisher>(), refName, provider.GetRequiredService<TimeProvider>(), provider.GetService<AgentMetrics>())
        {
            ModelMetrics = provider.GetService<ModelMetrics>(),
        });
        return services;
    }
}
