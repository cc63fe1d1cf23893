using System.Text.Json;
using Docker.DotNet.Models;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Source;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// The <c>run</c> host in-process while its pass waits on a registry that stalls mid-layer or on a git server that hangs:
/// a container stopped by hand is healed meanwhile, and <c>/status</c> shows the step the pass waits on.
/// </summary>
[Collection(ExclusiveEngineCollection.Name)]
public sealed class DaemonHealUnblockedTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    private string Other => Project + "b";

    [Fact]
    public async Task RunHost_PullForStackAStalls_ContainerOfStackBStoppedByHandHealedMeanwhile()
    {
        var repository = $"stall-{Project}/blob";
        await UniqueImage.PushAsync(Fixture.Raw, repository, Token);
        using var proxy = new StallingProxy(5000, stallAfterBytes: 256 * 1024);
        Upstream.Commit(TwoStacks(Web("v1")), "both stacks at v1");
        // The pull never times out within the test: whatever is healed is healed while it stalls.
        var config = Config() with { PullProgressTimeout = TimeSpan.FromHours(1) };
        using var host = BuildHost(config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{config.HttpListen.Port}") };
        await host.StartAsync(Token);
        try
        {
            await EventuallyAsync(async () => await ReportStatusAsync(http) == "inSync", "both stacks are in sync");
            var oldA = await ContainerOfAsync(Project);
            var b = await ContainerOfAsync(Other);
            Upstream.Commit(TwoStacks($"127.0.0.1:{proxy.Port}/{repository}:v1"), "stack a through a registry that stalls");
            await EventuallyAsync(async () => await StepAsync(http) == $"pull {Project}/web" && proxy.Stalled > 0, "the pull for stack a stalls");

            await Fixture.Raw.Containers.StopContainerAsync(b, new ContainerStopParameters { WaitBeforeKillSeconds = 1 }, Token);

            await EventuallyAsync(async () => (await InspectAsync(b)).State!.Running, "the container of stack b is healed");
            Assert.Equal("converging", await ReportStatusAsync(http));
            Assert.Equal($"pull {Project}/web", await StepAsync(http));
            Assert.True((await InspectAsync(oldA)).State!.Running, "stack a's old container keeps running while its new image is pulled");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            await Fixture.RemoveProjectAsync(Other);
        }
    }

    [Fact]
    public async Task RunHost_GitServerHangs_ContainerStoppedByHandHealedMeanwhile()
    {
        using var daemon = new GitDaemonServer(Path.GetDirectoryName(Upstream.BarePath)!);
        using var relay = new StallingProxy(daemon.Port, stallAfterBytes: long.MaxValue);
        RepoUrl = $"git://127.0.0.1:{relay.Port}/{Path.GetFileName(Upstream.BarePath)}";
        CommitWeb("v1");
        var config = Config();
        using var host = BuildHost(config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{config.HttpListen.Port}") };
        await host.StartAsync(Token);
        try
        {
            await EventuallyAsync(async () => await ReportStatusAsync(http) == "inSync", "the first pass reports in sync");
            // The git call never times out within the test: whatever is healed is healed while it hangs.
            Assert.True(GitNetworkTimeouts.Set(GitNetworkTimeouts.DefaultConnect, TimeSpan.FromHours(1)));
            relay.StallAfterBytes = 0;
            await EventuallyAsync(() => Task.FromResult(relay.Stalled > 0), "a poll hangs on the git server");
            var web = (await ContainersAsync())[$"{Project}-web-1"].ID;

            await Fixture.Raw.Containers.StopContainerAsync(web, new ContainerStopParameters { WaitBeforeKillSeconds = 1 }, Token);

            await EventuallyAsync(async () => (await InspectAsync(web)).State!.Running, "the stopped container is healed");
            // The call still hangs: once slow, it is the step /status shows.
            await EventuallyAsync(async () => await StepAsync(http) == "ls-remote origin", "/status shows the git call as the step");
            Assert.Equal("converging", await ReportStatusAsync(http));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            Assert.True(GitNetworkTimeouts.Set(GitNetworkTimeouts.DefaultConnect, GitNetworkTimeouts.DefaultRead));
        }
    }

    private Dictionary<string, string> TwoStacks(string imageOfA) => new()
    {
        ["inventory.yaml"] = $"hosts:\n  {Project}: {{}}\n",
        [$"stacks/{Project}/stack.yaml"] = $"targets: [{Project}]\n",
        [$"stacks/{Project}/compose.yaml"] = $"services:\n  web:\n    image: {imageOfA}\n",
        [$"stacks/{Other}/stack.yaml"] = $"targets: [{Project}]\n",
        [$"stacks/{Other}/compose.yaml"] = $"services:\n  web:\n    image: {Web("v1")}\n",
    };

    private async Task<string> ContainerOfAsync(string stack)
    {
        var list = await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={stack}"], Token);
        return Assert.Single(list).ID;
    }

    /// <summary>The name of the step /status shows; null when it shows none.</summary>
    private async Task<string?> StepAsync(HttpClient http)
    {
        using var report = JsonDocument.Parse(await http.GetStringAsync(new Uri("/status", UriKind.Relative), Token));
        return report.RootElement.TryGetProperty("step", out var step) && step.ValueKind == JsonValueKind.Object
            ? step.GetProperty("name").GetString()
            : null;
    }
}
