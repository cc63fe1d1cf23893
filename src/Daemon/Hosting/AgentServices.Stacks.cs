using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reconciliation.Slices;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Stacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>
    /// The key of the engine the pipeline talks to (this host's, unless one was registered under this key before:
    /// a test's). <see cref="IDockerEngine"/> is the counting decorator over it.
    /// </summary>
    public const string HostEngine = "host-engine";

    /// <summary>
    /// The compose stacks slice: this host's Docker engine, the probe, the executor, and the stacks kind of the pass
    /// (<see cref="StacksSlice"/>). <paramref name="trustFromEvents"/>: the probe believes only labels the drift monitor vouches for
    /// (the daemon); without it every label is believed (one-shot verbs, which watch no events).
    /// </summary>
    public static IServiceCollection AddComposeStacks(this IServiceCollection services, string host, ComposeExecutorOptions executor, bool trustFromEvents)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<IDockerEngine>(HostEngine, (_, _) => new DockerEngine(DockerEngine.DefaultEndpoint));
        // Every call through the engine seam counts in gitops_agent_docker_api_calls_total where metrics are registered.
        services.TryAddSingleton<IDockerEngine>(provider => new CountingDockerEngine(
            provider.GetRequiredKeyedService<IDockerEngine>(HostEngine), provider.GetService<AgentMetrics>() is { } metrics ? _ => metrics.DockerApiCall() : null));
        // Pings and events come from this host's engine, also under a test's engine that has none.
        services.TryAddSingleton<IDockerSystem>(provider =>
            provider.GetRequiredKeyedService<IDockerEngine>(HostEngine) as IDockerSystem ?? new DockerEngine(DockerEngine.DefaultEndpoint));
        services.TryAddSingleton(new ContainerTrust((desired, actual) => ServiceDiff.Between(desired, actual).Count == 0));
        // The key of the config-hash labels, kept in the state directory: made once, reused by the daemon and plan/sync.
        services.TryAddSingleton(_ => OperatingSystem.IsWindows()
            ? throw new PlatformNotSupportedException("the config-hash key file is kept with Unix modes")
            : ConfigHashKey.LoadOrCreate(Path.Combine(executor.StateDirectory, ConfigHashKey.FileName)));
        services.TryAddSingleton(provider => new CrashLoopTracker(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => trustFromEvents
            ? new DockerProbe(provider.GetRequiredService<IDockerEngine>(), host, provider.GetRequiredService<ContainerTrust>(), provider.GetRequiredService<CrashLoopTracker>())
            : new DockerProbe(provider.GetRequiredService<IDockerEngine>(), host));
        // The daemon's container events (AddDriftWatch) wake its health gates; one-shot verbs poll the engine only.
        services.TryAddSingleton(provider => new ComposeExecutor(
            provider.GetRequiredService<IDockerEngine>(), executor, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<ComposeExecutor>>())
        {
            Changes = provider.GetService<ContainerChanges>(),
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKindSlice, StacksSlice>());
        return services;
    }
}
