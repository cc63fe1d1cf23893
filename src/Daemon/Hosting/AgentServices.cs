using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// The one composition root: every part of the reconcile pipeline is registered here, one slice per method, and
/// resolved from the container by the daemon, <c>sync</c>/<c>plan</c>, the integration tests and the benchmarks alike.
/// A new kind of desired state adds its slice (registering its <see cref="Reconciler.Reconciliation.IKindSlice"/>) and one
/// line in <see cref="AddGitOpsAgent"/>; the kinds' order of registration is the host plan's order. Registrations made before
/// (an engine under <see cref="HostEngine"/>, a fake clock, metrics, notifications) or after (an engine) take precedence.
/// </summary>
public static partial class AgentServices
{
    public static IServiceCollection AddGitOpsAgent(this IServiceCollection services, AgentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.TryAddSingleton(config);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAgentState(config.StateDir, config.HistoryRetention);
        services.AddAgentSource(config.Repo, config.Verify, config.StateDir);
        services.TryAddSingleton(_ => SecretKeyring.FromFile(config.AgeKeyFile));
        services.AddModels(config.StateDir, config.Models, config.Host);
        services.AddComposeStacks(config.Host, new() { StateDirectory = config.StateDir, SecretsDirectory = config.SecretsRuntimeDirectory, Owner = config.Host, AllowBuild = config.AllowBuild, PullProgressTimeout = config.PullProgressTimeout, MaxParallelStacks = config.ParallelStacks }, trustFromEvents: true);
        services.AddTasks();
        services.AddHostReconciler();
        services.AddAgentReporting(config.StateDir, config.Repo.Ref.ToString());
        services.AddFleet(config);
        services.AddAgentPass(config);
        services.TryAddSingleton<AgentPipeline>();
        return services;
    }
}
