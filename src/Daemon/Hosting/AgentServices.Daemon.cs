using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.SelfHeal;
using GitOps.Reconciler.Stacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>
    /// The drift monitor of the daemon: Docker events and periodic full reads refresh the report from the last good
    /// revision and ask the loop for corrections. Only a pass changing the host makes a refresh wait: its git calls
    /// (a hung server) never do.
    /// </summary>
    public static IServiceCollection AddDriftWatch(this IServiceCollection services, AgentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.TryAddSingleton<LastGoodPlan>();
        services.TryAddSingleton(provider => new SelfHealBackoff(provider.GetRequiredService<TimeProvider>()));
        // The events the monitor follows also wake the executor's health gates (see AddComposeStacks).
        services.TryAddSingleton<ContainerChanges>();
        services.TryAddSingleton(provider =>
        {
            var loop = provider.GetRequiredService<ReconcileLoop>();
            return new DriftMonitor(
                provider.GetRequiredService<LastGoodPlan>().PlanAsync,
                provider.GetRequiredService<DriftReportPublisher>(),
                provider.GetRequiredService<SelfHealBackoff>(),
                provider.GetRequiredService<IReconcileTrigger>(),
                new DriftMonitorOptions { FullReadInterval = config.DriftInterval },
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<DriftMonitor>>())
            {
                IsReconciling = () => loop.IsRunning && loop.IsConverging,
                Trust = provider.GetRequiredService<ContainerTrust>(),
                Crashes = provider.GetRequiredService<CrashLoopTracker>(),
                Changes = provider.GetRequiredService<ContainerChanges>(),
                Owner = config.Host,
            };
        });
        services.AddHostedService<DriftWatchService>();
        return services;
    }
}
