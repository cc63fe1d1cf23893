using System.Globalization;
using System.Net;
using System.Text;
using GitOps.Daemon.Hosting;
using GitOps.Daemon.Http;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>The <c>run</c> host in-process with its webhook endpoint; passes are counted by the ls-remotes they make.</summary>
[Collection(AgentHostCollection.Name)]
public sealed class DaemonWebhookTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    private const string Secret = "daemon-webhook-secret";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Webhook_BurstWhileAPassRuns_OneFollowUpPass()
    {
        await using var agent = await StartAsync();
        var before = await LsRemotesAsync(agent);
        using (ReconcileLock.TryAcquire(AgentState.Path) ?? throw new InvalidOperationException("the lock is held"))
        {
            Assert.Equal(HttpStatusCode.Accepted, await SendAsync(agent, "first"));
            // The pass polls, then waits for the host lock this test holds: it is running for as long as the test wants.
            await EventuallyAsync(async () => await LsRemotesAsync(agent) == before + 1, "the pass polled");
            var burst = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => SendAsync(agent, "burst-" + i)));
            Assert.All(burst, status => Assert.Equal(HttpStatusCode.Accepted, status));
        }
        await EventuallyAsync(async () => await LsRemotesAsync(agent) >= before + 2 && agent.Idle, "the follow-up pass ran");

        Assert.Equal(before + 2, await LsRemotesAsync(agent));
    }

    [Fact]
    public async Task Webhook_DeliveryReplayed_AcknowledgedWithoutAPass()
    {
        await using var agent = await StartAsync();
        var before = await LsRemotesAsync(agent);
        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(agent, "delivery-1"));
        await EventuallyAsync(async () => await LsRemotesAsync(agent) == before + 1 && agent.Idle, "the requested pass ran");

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await SendAsync(agent, "delivery-1"));
        }
        await EventuallyAsync(() => Task.FromResult(agent.Idle), "the agent is idle");

        Assert.Equal(before + 1, await LsRemotesAsync(agent));
    }

    private async Task<RunningAgent> StartAsync()
    {
        CommitWeb("v1");
        var secretFile = AgentState.Combine("webhook-secret");
        await File.WriteAllTextAsync(secretFile, Secret, Token);
        var config = Config() with { PollInterval = TimeSpan.FromHours(1), HttpListen = new ListenAddress("127.0.0.1", 0), WebhookSecretFile = secretFile };
        var host = BuildHost(config);
        await host.StartAsync(Token);
        var agent = new RunningAgent(host);
        // The first pass (at start) deploys; afterwards passes run only when asked.
        await EventuallyAsync(async () => (await ContainersAsync()).Count == 2 && agent.Idle, "the first pass deployed");
        return agent;
    }

    private async Task<HttpStatusCode> SendAsync(RunningAgent agent, string delivery)
    {
        var body = Encoding.UTF8.GetBytes("{\"ref\":\"refs/heads/main\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(agent.Address, "/reconcile")) { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.GitHubHeader, WebhookSignature.Sign(body, Secret));
        request.Headers.Add(WebhookDeliveries.GitHubHeader, delivery);
        using var response = await Http.SendAsync(request, Token);
        return response.StatusCode;
    }

    private async Task<int> LsRemotesAsync(RunningAgent agent)
    {
        var text = await Http.GetStringAsync(new Uri(agent.Address, "/metrics"), Token);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("gitops_agent_git_requests_total{kind=\"ls-remote\"}", StringComparison.Ordinal));
        return line is null ? 0 : (int)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private sealed class RunningAgent(IHost host) : IAsyncDisposable
    {
        private readonly ReconcileLoop _loop = host.Services.GetRequiredService<ReconcileLoop>();

        public Uri Address { get; } = AgentHttpListener.Address(host.Services)!;

        /// <summary>No pass runs and none is asked for.</summary>
        public bool Idle => !_loop.IsRunning && !_loop.Trigger.IsPending;

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }
    }
}
