using GitOps.Daemon.Hosting;
using GitOps.Daemon.Http;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GitOps.Bench.DriftLatency;

/// <summary>
/// The benches' parts from the agent's composition root, in one host: the state, compose stacks and reporting slices and
/// the HTTP endpoints on a free loopback port (<see cref="AgentServices.AddAgentHttp"/>). Starting the host binds the port.
/// </summary>
internal static class BenchServices
{
    public static IHost Build(string stateDirectory, DockerEngine engine, IReconcileTrigger trigger) =>
        new HostBuilder()
            .AddAgentHttp(new AgentHttpOptions(new ListenAddress("127.0.0.1", 0)))
            .ConfigureServices(services => services
                .AddSingleton<IDockerEngine>(engine)
                .AddSingleton(new AgentMetrics())
                .AddSingleton(trigger)
                .AddSingleton(provider => ReadinessChecks.For(provider.GetRequiredService<DriftReportStore>(), engine))
                .AddAgentState(stateDirectory, AgentConfig.DefaultHistoryRetention)
                .AddComposeStacks(EngineLabels.DefaultOwner, new ComposeExecutorOptions { StateDirectory = stateDirectory }, trustFromEvents: false)
                .AddHostReconciler()
                .AddAgentReporting(stateDirectory, "branch main"))
            .UseDefaultServiceProvider(options => options.ValidateOnBuild = true)
            .Build();
}
