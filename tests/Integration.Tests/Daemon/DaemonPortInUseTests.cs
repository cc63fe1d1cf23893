using System.Net;
using System.Net.Sockets;
using GitOps.Daemon.Commands;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary><c>gitops-agent run</c> as a child process whose HTTP port another process already holds.</summary>
public sealed class DaemonPortInUseTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task Run_PortAlreadyHeld_ExitsOneWithOneLineBeforeAnyReconcile()
    {
        CommitWeb("v1");
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var configFile = AgentState.Combine("agent.yaml");
        File.WriteAllText(configFile,
            $"host: {Project}\nrepo:\n  url: {Upstream.FileUrl}\npollInterval: 1s\nstateDir: {AgentState.Path}\nhttp:\n  listen: 127.0.0.1:{port}\n");

        var run = ProcessRunner.Run("dotnet", [typeof(RunCommand).Assembly.Location, "run", "--config", configFile], check: false, timeout: TimeSpan.FromMinutes(2));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        // This test process holds the port; the line names it.
        Assert.Contains($"pid {Environment.ProcessId}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Reconcile of", run.Output, StringComparison.Ordinal);
        using (var state = StateStore.Open(AgentState.Path, TimeProvider.System, NullLogger<StateStore>.Instance))
        {
            Assert.Empty(state.GetHistory(10));
        }
        Assert.False(File.Exists(AgentState.Combine(DriftReportStore.FileName)), "a reconcile ran and wrote a report");
        Assert.Empty(await ContainersAsync());
    }
}
