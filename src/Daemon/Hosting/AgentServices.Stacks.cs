using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
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
    /// The compose stacks slice: this host's Docker engine, the probe, the executor, and the host reconciler that plans
    /// and applies them. <paramref name="trustFromEvents"/>: the probe believes only labels the drift monitor vouches for
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
        // The key of the config-hash labels, kept in the state directory: made once, reused by the daemon and plan/sync.
        services.TryAddSingleton(_ => OperatingSystem.IsWindows()
            ? throw new PlatformNotSupportedException("the config-hash key file is kept with Unix modes")
            : ConfigHashKey.LoadOrCreate(Path.Combine(executor.StateDirectory, ConfigHashKey.FileName)));
        services.TryAddSingleton(provider => new CrashLoopTracker(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => trustFromEvents
            ? new DockerProbe(provider.GetRequiredService<IDockerEngine>(), host, provider.GetRequiredService<ContainerTrust>(), provider.GetRequiredService<CrashLoopTracker>())
            : new DockerProbe(provider.GetRequiredService<IDockerEngine>(), host));
        services.TryAddSingleton(provider => new ComposeExecutor(
            provider.GetRequiredService<IDockerEngine>(), executor, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<ComposeExecutor>>()));
        services.TryAddSingleton(provider =>
        {
            var reconciler = ActivatorUtilities.CreateInstance<HostReconciler>(provider);
            // Encrypted files are read with this host's key where one is registered, else checked for structure only.
            reconciler.Secrets = provider.GetService<SecretKeyring>() ?? SecretKeyring.StructureOnly;
            // What a commit may ask of this host; a pipeline built without an agent config (a directory) judges nothing.
            reconciler.Policy = provider.GetService<Reconciler.Configuration.AgentConfig>()?.Policy ?? Reconciler.Policy.HostPolicy.Unrestricted;
            // The models kind takes part where its slice is registered (AddModels).
            reconciler.Models = provider.GetService<Reconciler.Models.IModelKind>();
            return reconciler;
        });
        services.TryAddSingleton<IHostReconciler>(provider => provider.GetRequiredService<HostReconciler>());
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
