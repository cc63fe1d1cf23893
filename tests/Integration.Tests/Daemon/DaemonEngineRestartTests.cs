using System.Net;
using Docker.DotNet.Models;
using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// The engine itself restarted under a running daemon, as on a docker package upgrade: the daemon reports it
/// away, and when it is back converges the containers it stopped and keeps seeing hand changes through events.
/// </summary>
[Collection(ExclusiveEngineCollection.Name)]
public sealed class DaemonEngineRestartTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task RunHost_EngineRestarted_NotReadyWhileAwayThenConvergedAndStillWatchingEvents()
    {
        // Short grace periods: the engine stops every container on its way down, and busybox httpd ignores SIGTERM.
        Upstream.Commit(new Dictionary<string, string>
        {
            ["inventory.yaml"] = $"hosts:\n  {Project}: {{}}\n",
            [$"stacks/{Project}/stack.yaml"] = $"targets: [{Project}]\n",
            [$"stacks/{Project}/compose.yaml"] =
                $"services:\n  web:\n    image: {Web("v1")}\n    stop_grace_period: 1s\n  other:\n    image: {Web("v1")}\n    stop_grace_period: 1s\n",
        }, "web and other");
        var port = Infrastructure.Network.FreePort();
        // A long poll: only the event stream (and its resumption) can bring the host back within the test.
        var config = Config() with { PollInterval = TimeSpan.FromHours(1), HttpListen = new ListenAddress("127.0.0.1", port) };
        using var host = BuildHost(config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await host.StartAsync(Token);
        try
        {
            // /readyz answers while the first pass still applies (the report says converging then): wait for its end.
            await EventuallyAsync(async () => await ReportStatusAsync(http) == "inSync", "the first pass converged");
            await EventuallyAsync(async () => await ReadyzAsync(http) == HttpStatusCode.OK, "/readyz is ready");
            var before = await ContainersAsync();
            Assert.All(before.Values, c => Assert.Equal("running", c.State));

            try
            {
                await EngineProcess.StopAsync(Token);
                await EventuallyAsync(async () => await ReadyzAsync(http) == HttpStatusCode.ServiceUnavailable, "/readyz reports the engine away");
            }
            finally
            {
                await EngineProcess.StartAsync();
            }

            var restarted = DateTimeOffset.UtcNow;

            // Reports from before the restart said in sync too; only one made after it shows the corrective pass ended.
            await EventuallyAsync(async () => await ReportStatusAsync(http, since: restarted) == "inSync", "a report made after the restart is in sync");
            var after = await ContainersAsync();
            Assert.All(after.Values, c => Assert.Equal("running", c.State));
            Assert.Equal(before.Values.Select(c => c.ID).Order(), after.Values.Select(c => c.ID).Order());
            await EventuallyAsync(async () => await ReadyzAsync(http) == HttpStatusCode.OK, "/readyz is ready again");

            // The subscription opened after the restart is live: a hand stop is seen and healed without a poll.
            var web = (await ContainersAsync())[$"{Project}-web-1"].ID;
            await Fixture.Raw.Containers.StopContainerAsync(web, new ContainerStopParameters { WaitBeforeKillSeconds = 1 }, Token);
            await EventuallyAsync(async () => (await Fixture.Engine.Containers.InspectAsync(web, Token))?.State?.Running == true, "self-heal started the hand-stopped container");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private async Task<HttpStatusCode?> ReadyzAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync(new Uri("/readyz", UriKind.Relative), Token)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
