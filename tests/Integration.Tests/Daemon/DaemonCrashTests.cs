using System.Diagnostics;
using GitOps.Daemon.Commands;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary><c>gitops-agent run</c> as a child process, killed with SIGKILL in the middle of an apply.</summary>
public sealed class DaemonCrashTests(EngineFixture fixture) : DaemonTest(fixture)
{
    [Fact]
    public async Task Run_KilledDuringReplace_RestartConvergesWithoutDuplicates()
    {
        CommitWeb("v1");
        var configFile = AgentState.Combine("agent.yaml");
        File.WriteAllText(configFile, $"host: {Project}\nrepo:\n  url: {Upstream.FileUrl}\npollInterval: 1s\nstateDir: {AgentState.Path}\nlog:\n  level: debug\n");
        await SuspendForeignStacksAsync();
        using var stopSuspending = new CancellationTokenSource();
        var suspending = KeepSuspendingForeignStacksAsync(stopSuspending.Token);
        try
        {
            await KillDuringReplaceThenRestartAsync();
        }
        finally
        {
            await stopSuspending.CancelAsync();
            await suspending;
        }
        Assert.Equal([$"{Project}-other-1", $"{Project}-web-1"], (await ContainersAsync()).Keys.Order());
    }

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

    /// <summary>
    /// The child agent sees the whole shared engine; marking every other managed stack as locally suspended keeps
    /// it from tearing down stacks of concurrent runs (other checkouts' tests share the engine).
    /// </summary>
    private async Task SuspendForeignStacksAsync()
    {
        var containers = await Fixture.Engine.Containers.ListAsync([EngineLabels.ManagedFilter], Token);
        using var state = StateStore.Open(AgentState.Path, TimeProvider.System, NullLogger<StateStore>.Instance);
        var projects = containers.Select(c => c.Labels is { } labels && labels.TryGetValue(EngineLabels.Project, out var p) ? p : null);
        foreach (var project in projects.OfType<string>().Where(p => p != Project).Distinct())
        {
            state.Suspend(project);
        }
    }

    private async Task KeepSuspendingForeignStacksAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SuspendForeignStacksAsync();
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // The agent holds the database for a moment; try again on the next round.
            }
        }
    }
}
