using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reconciliation.Slices;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Stacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>
    /// The compose stacks slice: this host's Docker engine, the probe, the executor, and the stacks kind of the pass
    /// (<see cref="StacksSlice"/>). <paramref name="trustFromEvents"/>: the probe believes only labels the drift monitor vouches for
    /// (the daemon); without it every label is believed (one-shot verbs, which watch no events).
    /// </summary>
    public static IServiceCollection AddComposeStacks(this IServiceCollection services, string host, ComposeExecutorOptions executor, bool trustFromEvents)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDockerEngine>(_ => new DockerEngine(DockerEngine.DefaultEndpoint));
        // A decorated engine (tests) without pings or events: those come from this host's engine.
        services.TryAddSingleton<IDockerSystem>(provider =>
            (provider.GetKeyedService<IDockerEngine>(UncountedEngine) ?? provider.GetRequiredService<IDockerEngine>()) as IDockerSystem
            ?? new DockerEngine(DockerEngine.DefaultEndpoint));
        services.TryAddSingleton(new ContainerTrust((desired, actual) => ServiceDiff.Between(desired, actual).Count == 0));
        services.TryAddSingleton(provider => new CrashLoopTracker(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => trustFromEvents
            ? new DockerProbe(provider.GetRequiredService<IDockerEngine>(), host, provider.GetRequiredService<ContainerTrust>(), provider.GetRequiredService<CrashLoopTracker>())
            : new DockerProbe(provider.GetRequiredService<IDockerEngine>(), host));
        services.TryAddSingleton(provider => new ComposeExecutor(
            provider.GetRequiredService<IDockerEngine>(), executor, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<ComposeExecutor>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKindSlice, StacksSlice>());
        return services;
    }

    private const string UncountedEngine = "uncounted";

    /// <summary>
    /// With metrics registered, every call through the engine seam counts in <c>gitops_agent_docker_api_calls_total</c>:
    /// the engine registered so far is kept under a key and <see cref="IDockerEngine"/> becomes the counting decorator.
    /// </summary>
    public static IServiceCollection CountEngineCalls(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(AgentMetrics)) || services.LastOrDefault(d => d.ServiceType == typeof(IDockerEngine)) is not { } inner)
        {
            return services;
        }
        services.Remove(inner);
        if (inner.ImplementationInstance is IDockerEngine given)
        {
            services.AddKeyedSingleton(UncountedEngine, given);
        }
        else
        {
            services.AddKeyedSingleton<IDockerEngine>(UncountedEngine, (provider, _) => (IDockerEngine)inner.ImplementationFactory!(provider));
        }
        services.AddSingleton<IDockerEngine>(provider =>
        {
            var metrics = provider.GetRequiredService<AgentMetrics>();
            return new CountingDockerEngine(provider.GetRequiredKeyedService<IDockerEngine>(UncountedEngine), _ => metrics.DockerApiCall());
        });
        return services;
    }
}
