using System.Net;
using Docker.DotNet.Models;
using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// The whole <c>run</c> host on the real engine, as an operator sees it: the HTTP endpoints, Docker events making a
/// hand stop visible and self-healed without waiting for the poll, and one notification per transition.
/// </summary>
[Collection(AgentHostCollection.Name)]
public sealed class DaemonSurfaceTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task RunHost_ContainerStoppedByHand_StatusShowsHostDriftThenSelfHealsWithOneNotificationEach()
    {
        CommitWeb("v1");
        var port = Infrastructure.Network.FreePort();
        using var receiver = new NotificationSink();
        // A long poll: only the event path can notice the hand stop within the test.
        var config = Config() with
        {
            PollInterval = TimeSpan.FromHours(1),
            HttpListen = new ListenAddress("127.0.0.1", port),
            Notify = new(WebhookUrl: receiver.Url),
        };
        using var host = BuildHost(config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await host.StartAsync(Token);
        try
        {
            await EventuallyAsync(async () => await ReportStatusAsync(http) == "inSync", "the first pass reports in sync");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative), Token)).StatusCode);
            Assert.Contains("gitops_agent_reconciles_total", await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Token), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(new Uri("/reconcile", UriKind.Relative), new StringContent("{}"), Token)).StatusCode);

            var web = (await ContainersAsync())[$"{Project}-web-1"].ID;
            await Fixture.Raw.Containers.StopContainerAsync(web, new ContainerStopParameters { WaitBeforeKillSeconds = 1 }, Token);

            await EventuallyAsync(() => Task.FromResult(receiver.Events.Contains("driftDetected")), "drift detected was notified");
            await EventuallyAsync(async () => (await Fixture.Engine.Containers.InspectAsync(web, Token))?.State?.Running == true, "self-heal started the container");
            await EventuallyAsync(() => Task.FromResult(receiver.Events.Contains("driftResolved")), "drift resolved was notified");
            await EventuallyAsync(async () => await ReportStatusAsync(http) == "inSync", "the report is back in sync");

            Assert.Equal(1, receiver.Events.Count(e => e == "driftDetected"));
            Assert.Equal(1, receiver.Events.Count(e => e == "driftResolved"));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
