using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Bench.DriftLatency;

/// <summary>The benches' parts from the agent's composition root: the state, compose stacks and reporting slices.</summary>
internal static class BenchServices
{
    public static ServiceProvider Build(string stateDirectory, DockerEngine engine, MetricRegistry registry) =>
        new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton<IDockerEngine>(engine)
            .AddSingleton(new AgentMetrics(registry))
            .AddAgentState(stateDirectory, AgentConfig.DefaultHistoryRetention)
            .AddComposeStacks(EngineLabels.DefaultOwner, new ComposeExecutorOptions { StateDirectory = stateDirectory }, trustFromEvents: false)
            .AddAgentReporting(stateDirectory, "branch main")
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
}
