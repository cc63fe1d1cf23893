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
[Collection(AgentHostCollection.Name)]
public sealed class DaemonCrashLoopTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    private const string Secret = "s3cr3t-value";

    [Fact]
    public async Task RunHost_ContainerCrashingEveryFewSeconds_CrashLoopingWithExitCodeMaskedLogsAndOneNotification()
    {
        CommitCrashingWeb($"sleep 4; echo boom; echo connecting with {Secret}; exit 3", "crashing web", $"API_TOKEN: {Secret}");
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

    [Fact]
    public async Task RunHost_RestartedWhileAContainerAlreadyCrashLoops_CrashLoopingFromTheRestartCountNotThreeMoreDies()
    {
        // Up for 4 s on its first start (the deploy passes), then it exits 3 at once on every restart: the engine's
        // back-off between restarts doubles, so after seven restarts the next ones are 13 s and more apart.
        CommitCrashingWeb("echo started; test -e /tmp/ran && echo again && exit 3; touch /tmp/ran; sleep 4; exit 3", "web that crashes after its first start");
        var state = Config() with { PollInterval = TimeSpan.FromHours(1) };
        using (var first = AgentHost.Build(state))
        using (var firstHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{state.HttpListen.Port}") })
        {
            await first.StartAsync(Token);
            await EventuallyAsync(async () => await ReportStatusAsync(firstHttp) is { } status && status != "converging", "the first agent's deploy pass ended");
            await first.StopAsync(CancellationToken.None);
        }
        await EventuallyAsync(async () => (await InspectAsync($"{Project}-web-1")).RestartCount >= 7, "the engine restarted web seven times");

        // A new agent on the same state: the die events of the loop so far were never seen by it.
        var restartsBefore = (await InspectAsync($"{Project}-web-1")).RestartCount;
        var startedAt = DateTimeOffset.UtcNow;
        var port = Infrastructure.Network.FreePort();
        using var host = AgentHost.Build(state with { HttpListen = new ListenAddress("127.0.0.1", port) });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await host.StartAsync(Token);
        try
        {
            JsonElement web = default;
            var seen = new List<string>();
            await EventuallyAsync(async () =>
            {
                if (await ReportStatusAsync(http, startedAt) is null || await WebAsync(http) is not { } found)
                {
                    return false;
                }
                web = found;
                var line = $"{web.GetProperty("status").GetString()}: {(web.TryGetProperty("lastError", out var e) ? e.ToString() : "")} (restarts {(await InspectAsync($"{Project}-web-1")).RestartCount})";
                if (seen.Count == 0 || seen[^1] != line)
                {
                    seen.Add(line);
                }
                return web.GetProperty("status").GetString() == "crashLooping";
            }, "web is reported crash looping by the new agent");
            var restartsAfter = (await InspectAsync($"{Project}-web-1")).RestartCount;

            // Die events alone need three crashes after the start, i.e. at least two more restarts.
            Assert.True(restartsAfter < restartsBefore + 2, $"recognised only after {restartsAfter - restartsBefore} more restarts (from {restartsBefore}); reported: {string.Join(" | ", seen)}");
            Assert.Equal(3, web.GetProperty("exitCode").GetInt32());
            Assert.Contains("again", web.GetProperty("logs").EnumerateArray().Select(l => l.GetString() ?? ""));
            Assert.Contains("exit code 3", web.GetProperty("lastError").GetString(), StringComparison.Ordinal);
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

    /// <summary>Commits service web that the engine restarts whenever <paramref name="command"/> exits.</summary>
    /// <param name="environment">One <c>KEY: value</c> line of its environment, or none.</param>
    private void CommitCrashingWeb(string command, string message, string? environment = null)
    {
        var env = environment is null ? "" : $"    environment:\n      {environment}\n";
        Upstream.Commit(new Dictionary<string, string>
        {
            ["inventory.yaml"] = $"hosts:\n  {Project}: {{}}\n",
            [$"stacks/{Project}/stack.yaml"] = $"targets: [{Project}]\n",
            [$"stacks/{Project}/compose.yaml"] =
                $"services:\n  web:\n    image: {Web("v1")}\n    restart: always\n    stop_grace_period: 1s\n{env}    command: [\"sh\", \"-c\", \"{command}\"]\n",
        }, message);
    }
}
