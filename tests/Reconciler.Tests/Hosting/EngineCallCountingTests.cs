using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Stacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace GitOps.Reconciler.Tests.Hosting;

/// <summary>The engine seam of the composition root: every call through it counts where metrics are registered.</summary>
public class EngineCallCountingTests
{
    private static ServiceProvider Services(IDockerEngine engine, AgentMetrics? metrics)
    {
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddKeyedSingleton(AgentServices.HostEngine, engine);
        if (metrics is not null)
        {
            services.AddSingleton(metrics);
        }
        return services.AddComposeStacks("h1", new ComposeExecutorOptions { StateDirectory = Path.GetTempPath() }, trustFromEvents: false)
            .BuildServiceProvider();
    }

    private static async Task<double> DockerApiCallsAsync(AgentMetrics metrics)
    {
        var line = (await metrics.RenderAsync(CancellationToken.None)).Split('\n').Single(l => l.StartsWith("gitops_agent_docker_api_calls_total ", StringComparison.Ordinal));
        return double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Engine_MetricsRegistered_EveryCallGoesToTheHostEngineAndCounts()
    {
        var engine = Substitute.For<IDockerEngine>();
        var metrics = new AgentMetrics();
        using var services = Services(engine, metrics);

        var seam = services.GetRequiredService<IDockerEngine>();
        await seam.Containers.ListAsync([], CancellationToken.None);
        await seam.Volumes.ListAsync([], CancellationToken.None);

        await engine.Containers.Received(1).ListAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>());
        Assert.Equal(2, await DockerApiCallsAsync(metrics));
    }

    [Fact]
    public async Task Engine_NoMetrics_CallsStillGoToTheHostEngine()
    {
        var engine = Substitute.For<IDockerEngine>();
        using var services = Services(engine, metrics: null);

        await services.GetRequiredService<IDockerEngine>().Containers.ListAsync([], CancellationToken.None);

        await engine.Containers.Received(1).ListAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>());
    }
}
