using System.Diagnostics;
using GitOps.Daemon.Commands;
using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Lease;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// Two agents for the same host name with different state directories and different repositories (one says web v1,
/// the other web v2): the first, a real <c>run</c> process, holds the lease; the second applies nothing and says why
/// until the first is killed and its lease expires.
/// </summary>
[Collection(ExclusiveEngineCollection.Name)]
public sealed class DaemonOwnerLeaseTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task SecondAgentSameOwner_RefusesUntilTheHolderDiesThenTakesOver()
    {
        CommitWeb("v1");
        using var otherRepo = new UpstreamRepo();
        otherRepo.Commit(RepoFiles("v2"), "web v2");
        using var otherState = new TempDirectory("agent-state-second");
        var configFile = AgentState.Combine("agent.yaml");
        File.WriteAllText(configFile, $"host: {Project}\nrepo:\n  url: {Upstream.FileUrl}\npollInterval: 1s\nleaseTtl: 3s\nstateDir: {AgentState.Path}\n"
            + $"http:\n  listen: 127.0.0.1:{Infrastructure.Network.FreePort()}\n");
        var first = ProcessRunner.Start("dotnet", [typeof(RunCommand).Assembly.Location, "run", "--config", configFile], AgentState.Combine("agent-first.log"));
        using var second = AgentPipeline.Create(SecondConfig(otherRepo, otherState), Loggers, TimeProvider.System);
        try
        {
            await EventuallyAsync(async () => (await ContainersAsync()).Count == 2 && await ImageOfAsync("web") == Web("v1"), "the first agent deployed v1");
            var web = (await ContainersAsync())[$"{Project}-web-1"].ID;

            for (var i = 0; i < 3; i++)
            {
                var refused = await second.Cycle.RunAsync(Token);
                Assert.Equal(ReconcileStatus.Refused, refused.Status);
                Assert.Contains("another agent holds the lease", refused.Error, StringComparison.Ordinal);
                Assert.Contains(AgentState.Path, refused.Error, StringComparison.Ordinal);
            }
            var report = second.Reports.Latest!;
            Assert.Equal(ReportStatus.Failed, report.Status);
            Assert.Contains($"pid {first.Id}", report.LastError, StringComparison.Ordinal);
            Assert.Equal(web, (await ContainersAsync())[$"{Project}-web-1"].ID);

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(CancellationToken.None);
            await EventuallyAsync(async () =>
            {
                var result = await second.Cycle.RunAsync(Token);
                return result.Status == ReconcileStatus.Converged && await ImageOfAsync("web") == Web("v2");
            }, "the second agent took over once the first agent's lease expired");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || Token.IsCancellationRequested)
        {
            // The first agent's log says why it did not do its part.
            throw new InvalidOperationException("first agent's log:\n" + File.ReadAllText(AgentState.Combine("agent-first.log")), ex);
        }
        finally
        {
            if (!first.HasExited)
            {
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync(CancellationToken.None);
            }
            foreach (var volume in await Fixture.Engine.Volumes.ListAsync([$"{LeaseRecord.OwnerLabel}={Project}"], CancellationToken.None))
            {
                await Fixture.Engine.Volumes.RemoveAsync(volume.Name, CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task Lease_SameStateDirectory_OneHolder()
    {
        using var daemon = new OwnerLease(Fixture.Engine.Volumes, Project, AgentState.Path, TimeSpan.FromSeconds(30), TimeProvider.System, Loggers.CreateLogger<OwnerLease>());
        using var sync = new OwnerLease(Fixture.Engine.Volumes, Project, AgentState.Path, TimeSpan.FromSeconds(30), TimeProvider.System, Loggers.CreateLogger<OwnerLease>());
        using var stranger = new OwnerLease(Fixture.Engine.Volumes, Project, AgentState.Combine("elsewhere"), TimeSpan.FromSeconds(30), TimeProvider.System, Loggers.CreateLogger<OwnerLease>());
        try
        {
            Assert.True((await daemon.EnsureAsync(Token)).Held);
            Assert.True((await sync.EnsureAsync(Token)).Held);
            Assert.False((await stranger.EnsureAsync(Token)).Held);

            await daemon.ReleaseAsync(Token);

            Assert.True((await stranger.EnsureAsync(Token)).Held);
            Assert.False((await daemon.EnsureAsync(Token)).Held);
        }
        finally
        {
            await stranger.ReleaseAsync(CancellationToken.None);
            await daemon.ReleaseAsync(CancellationToken.None);
        }
    }

    private AgentConfig SecondConfig(UpstreamRepo repo, TempDirectory state)
    {
        var text = $"host: {Project}\nrepo:\n  url: {repo.FileUrl}\npollInterval: 1s\nleaseTtl: 3s\nstateDir: {state.Path}\n";
        var result = new AgentConfigLoader(new Dictionary<string, string?>(), () => "unused").Parse(text, state.Combine("agent.yaml"), state.Path);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config!;
    }
}
