using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

public static partial class AgentServices
{
    /// <summary>
    /// The compose stacks slice: this host's Docker engine, the probe, the executor, and the host reconciler that plans
    /// and applies them. <paramref name="trustFromEvents"/>: the probe believes only labels the drift monitor vouches for
    /// (the daemon); without it every label is believed (one-shot verbs, which watch no events).
    /// </summary>
    public static IServiceCollection AddComposeStacks(this IServiceCollection services, string host, ComposeExecutorOptions executor, bool trustFromEvents)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDockerEngine>(_ => new DockerEngine(DockerEngine.DefaultEndpoint));
        // A decorated engine (tests) without pings or events: those come from this host's engine.
        services.TryAddSingleton<IDockerSystem>(provider => provider.GetRequiredService<IDockerEngine>() as IDockerSystem ?? new DockerEngine(DockerEngine.DefaultEndpoint));
        services.TryAddSingleton<ContainerTrust>();
        services.TryAddSingleton(provider => new CrashLoopTracker(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => trustFromEvents
            ? new DockerProbe(provider.GetRequiredService<IDockerEngine>(), host, provider.GetRequiredService<ContainerTrust>(), provider.GetRequiredService<CrashLoopTracker>())
            : new DockerProbe(provider.GetRequiredService<IDockerEngine>(), host));
        services.TryAddSingleton(provider => new ComposeExecutor(
            provider.GetRequiredService<IDockerEngine>(), executor, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<ComposeExecutor>>()));
        services.TryAddSingleton<HostReconciler>();
        services.TryAddSingleton<IHostReconciler>(provider => provider.GetRequiredService<HostReconciler>());
        return services;
    }
}
