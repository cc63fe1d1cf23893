using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Lease;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Rollout;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>
    /// The host reconciler over every kind registered before (<see cref="IKindSlice"/>), in the order they were
    /// registered: the host plan's order.
    /// </summary>
    public static IServiceCollection AddHostReconciler(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => new HostReconciler(
            provider.GetServices<IKindSlice>(), provider.GetRequiredService<IReconcileMemory>(),
            provider.GetRequiredService<ConfigHashKey>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<HostReconciler>>())
        {
            // Encrypted files are read with this host's key where one is registered, else checked for structure only.
            Secrets = provider.GetService<SecretKeyring>() ?? SecretKeyring.StructureOnly,
            // What a commit may ask of this host; a pipeline built without an agent config (a directory) judges nothing.
            Policy = provider.GetService<Reconciler.Configuration.AgentConfig>()?.Policy ?? Reconciler.Policy.HostPolicy.Unrestricted,
            // Rollouts and fleet tasks are coordinated through the fleet store: without one they are errors for this host.
            FleetStore = provider.GetService<Reconciler.Configuration.AgentConfig>() is { } agent ? agent.Fleet is not null : null,
        });
        services.TryAddSingleton<IHostReconciler>(provider => provider.GetRequiredService<HostReconciler>());
        return services;
    }

    /// <summary>The pass: the owner lease and the daemon's reconcile cycle over the other slices.</summary>
    public static IServiceCollection AddAgentPass(this IServiceCollection services, AgentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.TryAddSingleton(provider => new OwnerLease(
            provider.GetRequiredService<IDockerEngine>().Volumes, config.Host, config.StateDir, config.LeaseTtl,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<OwnerLease>>()));
        services.TryAddSingleton(provider => new ReconcileCycle(
            provider.GetRequiredService<IConfigSource>(),
            provider.GetRequiredService<IRevisionVerifier>(),
            provider.GetRequiredService<IHostReconciler>(),
            provider.GetRequiredService<IStateStore>(),
            provider.GetRequiredService<IPassReporter>(),
            provider.GetRequiredService<IStalledRevisionStore>(),
            new ReconcileCycleOptions(config.Host, config.StateDir, config.Repo.Ref.ToString(), ReconcileCycleOptions.DefaultLockTimeout)
            {
                RetryBase = config.PollInterval < config.RetryMaxBackoff ? config.PollInterval : config.RetryMaxBackoff,
                RetryMax = config.RetryMaxBackoff,
            },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ReconcileCycle>>())
        {
            Lease = provider.GetRequiredService<OwnerLease>(),
            Rollout = config.Fleet is not null && provider.GetService<IFleetStore>() is IRolloutStore store
                ? new RolloutCoordinator(store, config.Host, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<RolloutCoordinator>>())
                : null,
        });
        return services;
    }
}
