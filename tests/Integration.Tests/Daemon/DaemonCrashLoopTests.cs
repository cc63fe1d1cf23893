using System.Text.Json;
using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// A service that passes its deploy but then keeps crashing (<c>restart: always</c>, exits 3 after a few seconds):
/// the engine restarts it, and the daemon must say so rather than "in sync" or "rolled back".
/// </summary>
public sealed class DaemonCrashLoopTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    private const string Secret = "s3cr3t-value";

    [Fact]
    public async Task RunHost_ContainerCrashingEveryFewSeconds_CrashLoopingWithExitCodeMaskedLogsAndOneNotification()
    {
        Upstream.Commit(new Dictionary<string, string>
        {
            ["inventory.yaml"] = $"hosts:\n  {Project}: {{}}\n",
            [$"stacks/{Project}/stack.yaml"] = $"targets: [{Project}]\n",
            [$"stacks/{Project}/compose.yaml"] = $$"""
                services:
                  web:
                    image: {{Web("v1")}}
                    restart: always
                    stop_grace_period: 1s
                    environment:
                      API_TOKEN: {{Secret}}
                    command: ["sh", "-c", "sleep 4; echo boom; echo connecting with {{Secret}}; exit 3"]

                """,
        }, "crashing web");
        using var sink = new NotificationSink();
        var port = Infrastructure.Network.FreePort();
        var config = Config() with { PollInterval = TimeSpan.FromHours(1), HttpListen = new ListenAddress("127.0.0.1", port), Notify = new(WebhookUrl: sink.Url) };
        using var host = BuildHost(config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var statuses = new HashSet<string>(StringComparer.Ordinal);
        await host.StartAsync(Token);
        try
        {
            JsonElement web = default;
            await EventuallyAsync(async () =>
            {
                if (await WebAsync(http) is not { } found)
                {
                    return false;
                }
                web = found;
                statuses.Add(web.GetProperty("status").GetString() ?? "");
                return web.GetProperty("status").GetString() == "crashLooping";
            }, "web is reported crash looping");

            Assert.Equal(3, web.GetProperty("exitCode").GetInt32());
            var logs = web.GetProperty("logs").EnumerateArray().Select(l => l.GetString() ?? "").ToList();
            Assert.Contains("boom", logs);
            Assert.DoesNotContain(logs, l => l.Contains(Secret, StringComparison.Ordinal));
            Assert.Contains(logs, l => l.Contains("connecting with ******", StringComparison.Ordinal));
            Assert.Contains("exit code 3", web.GetProperty("lastError").GetString(), StringComparison.Ordinal);

            // It keeps crashing: two more restarts, and still one notification of the transition.
            var restarts = (await InspectAsync($"{Project}-web-1")).RestartCount;
            await EventuallyAsync(async () => (await InspectAsync($"{Project}-web-1")).RestartCount >= restarts + 2, "two more restarts");
            await EventuallyAsync(async () => await WebAsync(http) is { } again && statuses.Add(again.GetProperty("status").GetString() ?? "") | true
                && again.GetProperty("status").GetString() == "crashLooping", "still crash looping");
            Assert.Equal(1, sink.Count("crashLooping", Project, "web"));
            Assert.DoesNotContain("rolledBack", statuses);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private async Task<JsonElement?> WebAsync(HttpClient http)
    {
        var response = await http.GetAsync(new Uri("/status", UriKind.Relative), Token);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        foreach (var resource in report.RootElement.GetProperty("resources").EnumerateArray())
        {
            if (resource.GetProperty("kind").GetString() == "service" && resource.GetProperty("name").GetString() == "web")
            {
                return resource.Clone();
            }
        }
        return null;
    }
}
