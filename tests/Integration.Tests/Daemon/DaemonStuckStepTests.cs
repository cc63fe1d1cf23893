using Xunit.Abstractions;
using System.Net;
using System.Text.Json;
using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>The <c>run</c> host in-process while a registry stops sending in the middle of a layer.</summary>
[Collection(ExclusiveEngineCollection.Name)]
public sealed class DaemonStuckStepTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task RunHost_PullStallsBeyondTheStepBound_ReadyzNotReadyNamingTheStepAndStatusConverging()
    {
        var repository = $"stall-{Project}/blob";
        await UniqueImage.PushAsync(Fixture.Raw, repository, Token);
        using var proxy = new StallingProxy(5000, stallAfterBytes: 256 * 1024);
        Upstream.Commit(new Dictionary<string, string>
        {
            ["inventory.yaml"] = $"hosts:\n  {Project}: {{}}\n",
            [$"stacks/{Project}/stack.yaml"] = $"targets: [{Project}]\n",
            [$"stacks/{Project}/compose.yaml"] = $"services:\n  web:\n    image: 127.0.0.1:{proxy.Port}/{repository}:v1\n",
        }, "web through a registry that stalls");
        // The pull would fail after its progress timeout; here it outlasts the test, so only the step bound can tell.
        var config = Config() with
        {
            PollInterval = TimeSpan.FromHours(1),
            PullProgressTimeout = TimeSpan.FromHours(1),
            StepStuckAfter = TimeSpan.FromSeconds(2),
        };
        using var host = AgentHost.Build(config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{config.HttpListen.Port}") };
        await host.StartAsync(Token);
        try
        {
            string readyz = "";
            await EventuallyAsync(async () =>
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative), Token);
                readyz = await response.Content.ReadAsStringAsync(Token);
                return response.StatusCode == HttpStatusCode.ServiceUnavailable && readyz.Contains("stuck: pull", StringComparison.Ordinal);
            }, "/readyz says the pull is stuck");

            Assert.Contains($"{Project}/web", readyz, StringComparison.Ordinal);
            Assert.Contains("\"lastReconcile\":\"succeeded\"", readyz, StringComparison.Ordinal);
            using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri("/status", UriKind.Relative), Token));
            Assert.Equal("converging", status.RootElement.GetProperty("status").GetString());
            Assert.Equal($"pull {Project}/web", status.RootElement.GetProperty("step").GetProperty("name").GetString());
            Assert.True(proxy.Stalled > 0, "the proxy never stalled: the layer was not downloaded through it");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
