using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reconciliation.Slices;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Stacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Sync;

/// <summary>
/// The reconcile pipeline wired to this host's Docker engine and state directory, for one-shot verbs: the state,
/// models, compose stacks and tasks slices of the composition root (<see cref="AgentServices"/>), in a container of its own.
/// </summary>
public sealed class LocalAgent : IDisposable
{
    private readonly ServiceProvider _services;

    private LocalAgent(ServiceProvider services)
    {
        _services = services;
        Reconciler = services.GetRequiredService<HostReconciler>();
        Tasks = services.GetRequiredService<TasksSlice>();
    }

    public HostReconciler Reconciler { get; }

    /// <summary>The tasks kind, which sits the pass out until a job store is attached (<c>plan</c> attaches one).</summary>
    public TasksSlice Tasks { get; }

    /// <param name="host">The host converged as; it owns what the agent creates (see EngineLabels.Owner).</param>
    /// <param name="config">
    /// This host's agent.yaml when there is one: its age key, runtime secrets directory, models, parallelStacks and
    /// policy are used; without one, the defaults, and no policy is judged.
    /// </param>
    public static LocalAgent Open(string stateDirectory, string host, ILoggerFactory loggers, AgentConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var services = new ServiceCollection()
            .AddSingleton(loggers)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton(SecretKeyring.FromFile(config?.AgeKeyFile ?? AgeKeyFile.DefaultPath))
            .AddAgentState(stateDirectory, config?.HistoryRetention ?? AgentConfig.DefaultHistoryRetention)
            // Without an agent.yaml, models have the default settings (allowed roots /srv/models, /var/lib/models).
            .AddModels(stateDirectory, config?.Models ?? GitOps.Reconciler.Models.ModelsConfig.Default, host)
            .AddComposeStacks(host, new ComposeExecutorOptions
            {
                StateDirectory = stateDirectory,
                SecretsDirectory = config?.SecretsRuntimeDirectory ?? RuntimeSecretsDirectory.DefaultPath,
                Owner = host,
                MaxParallelStacks = config?.ParallelStacks ?? ParallelStacks(),
            }, trustFromEvents: false)
            .AddTasks()
            .AddHostReconciler();
        var agent = new LocalAgent(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
        if (config is not null)
        {
            agent.Reconciler.Policy = config.Policy;
        }
        return agent;
    }

    public void Dispose() => _services.Dispose();

    /// <summary>Without an agent.yaml, <c>parallelStacks</c> comes from its environment variable alone (ignored when not 1 to 64).</summary>
    private static int ParallelStacks() =>
        int.TryParse(Environment.GetEnvironmentVariable("GITOPS_AGENT_PARALLEL_STACKS"), System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 64
            ? value
            : AgentConfig.DefaultParallelStacks;
}
