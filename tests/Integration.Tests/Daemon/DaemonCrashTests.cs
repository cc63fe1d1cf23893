using System.Diagnostics;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary><c>gitops-agent run</c> as a child process, killed with SIGKILL in the middle of an apply.</summary>
public sealed class DaemonCrashTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    /// <summary>A healthcheck whose first probe comes 3 s after start: the gate during which a start-first web runs twice.</summary>
    private const string StartFirst = "    healthcheck:\n      test: [\"CMD\", \"wget\", \"-q\", \"-O-\", \"http://127.0.0.1:8080/healthz\"]\n      interval: 3s\n"
        + "    deploy:\n      update_config:\n        order: start-first\n";

    [Fact]
    public async Task Run_KilledDuringReplace_RestartConvergesWithoutDuplicates()
    {
        CommitWeb("v1");
        WriteAgentConfig();
        await KillDuringReplaceThenRestartAsync();
        Assert.Equal([$"{Project}-other-1", $"{Project}-web-1"], (await ContainersAsync()).Keys.Order());
    }

    [Fact]
    public async Task Run_KilledWhileAStartFirstReplacementRunsBesideTheOld_RestartConvergesToOneContainer()
    {
        CommitWeb("v1", StartFirst);
        WriteAgentConfig();
        var first = StartAgent("first");
        try
        {
            await EventuallyAsync(async () => (await ContainersAsync()).Count == 2 && await ImageOfAsync("web") == Web("v1"), "v1 deployed");
            CommitWeb("v2", StartFirst);
            await EventuallyAsync(async () => (await ContainersAsync()).Values.Count(c => Service(c) == "web" && c.State == "running") == 2,
                "the v2 container runs beside the v1 one during its gate");
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(CancellationToken.None);
        }

        await RestartUntilConvergedAsync();
        Assert.Equal([$"{Project}-other-1", $"{Project}-web-1"], (await ContainersAsync()).Keys.Order());
    }

    [Fact]
    public async Task Run_KilledWhileTheOldStartFirstContainerRetires_PlanListsItAndRestartRemovesIt()
    {
        // httpd as PID 1 ignores SIGTERM: the old container sits out its whole stop grace under its retiring name.
        const string SlowRetire = StartFirst + "    stop_grace_period: 30s\n";
        CommitWeb("v1", SlowRetire);
        WriteAgentConfig();
        var first = StartAgent("first");
        try
        {
            await EventuallyAsync(async () => (await ContainersAsync()).Count == 2 && await ImageOfAsync("web") == Web("v1"), "v1 deployed");
            CommitWeb("v2", SlowRetire);
            await EventuallyAsync(async () => RetiringOf(await ContainersAsync()) is not null && await ImageOfAsync("web") == Web("v2"),
                "web v2 in place beside the retiring v1 container");
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(CancellationToken.None);
        }
        var retiring = RetiringOf(await ContainersAsync());
        Assert.NotNull(retiring);

        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await new CommandDispatcher(CommandCatalog.All()).RunAsync(["plan", Upstream.WorkPath, "--config", AgentState.Combine("agent.yaml")], output, error, Token);

        Assert.True(exit == 2, $"plan exit {exit}: {output}{error}");
        Assert.Contains($"  - service {Project}/{retiring}: delete (", output.ToString(), StringComparison.Ordinal);
        await RestartUntilConvergedAsync();
        Assert.Null(RetiringOf(await ContainersAsync()));
    }

    private string? RetiringOf(Dictionary<string, Docker.DotNet.Models.ContainerListResponse> containers) =>
        containers.Keys.FirstOrDefault(n => n.StartsWith($"{Project}-web-1_retiring_", StringComparison.Ordinal));

    private static string Service(Docker.DotNet.Models.ContainerListResponse container) =>
        container.Labels.TryGetValue(Reconciler.Engine.EngineLabels.Service, out var service) ? service : "";

    private void WriteAgentConfig() =>
        File.WriteAllText(AgentState.Combine("agent.yaml"), $"host: {Project}\nrepo:\n  url: {Upstream.FileUrl}\npollInterval: 1s\nstateDir: {AgentState.Path}\n"
            + $"http:\n  listen: 127.0.0.1:{Infrastructure.Network.FreePort()}\nlog:\n  level: debug\n");

    private async Task KillDuringReplaceThenRestartAsync()
    {
        var first = StartAgent("first");
        try
        {
            await EventuallyAsync(async () => (await ContainersAsync()).Count == 2 && await ImageOfAsync("web") == Web("v1"), "v1 deployed");
            CommitWeb("v2");
            // A replace creates the new container under a temporary name before the old one stops.
            await EventuallyAsync(async () => (await ContainersAsync()).Values.Any(c => c.Image == Web("v2")), "the v2 container is being created");
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(CancellationToken.None);
        }

        await RestartUntilConvergedAsync();
    }

    private async Task RestartUntilConvergedAsync()
    {
        var second = StartAgent("second");
        try
        {
            await EventuallyAsync(async () =>
            {
                var containers = await ContainersAsync();
                return containers.Count == 2
                    && containers.TryGetValue($"{Project}-web-1", out var web) && web.Image == Web("v2") && web.State == "running"
                    && containers.TryGetValue($"{Project}-other-1", out var other) && other.State == "running";
            }, "the restarted agent converged to exactly web v2 and other");
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(CancellationToken.None);
        }
    }

    private Process StartAgent(string name)
    {
        var dll = typeof(RunCommand).Assembly.Location;
        return ProcessRunner.Start("dotnet", [dll, "run", "--config", AgentState.Combine("agent.yaml")], AgentState.Combine($"agent-{name}.log"));
    }
}
