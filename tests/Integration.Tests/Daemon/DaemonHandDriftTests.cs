using System.Globalization;
using System.Text.Json;
using Docker.DotNet.Models;
using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// Hand changes behind matching labels, seen by the running daemon through events alone (the poll is an hour away):
/// a container recreated by hand with every label copied but another environment value or published port, and a
/// container disconnected from its network. Each is reported with the field that differs and healed; the network
/// by reconnecting the same container with its aliases.
/// </summary>
[Collection(AgentHostCollection.Name)]
public sealed class DaemonHandDriftTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    private readonly int _port = Infrastructure.Network.FreePort();

    /// <summary>Every field /status has shown differing for web (a self-heal may end the drift quickly).</summary>
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private string WebName => $"{Project}-web-1";

    private string NetworkName => $"{Project}_default";

    [Fact]
    public async Task RunHost_ContainerRecreatedByHandWithOtherEnvironment_ReportedWithTheFieldThenReplaced()
    {
        await RunAsync(async sink =>
        {
            await RecreateByHandAsync(c => c.Env = [.. c.Env.Where(e => !e.StartsWith("MODE=", StringComparison.Ordinal)), "MODE=by-hand"], h => { });

            await EventuallyAsync(() => Task.FromResult(Detected("environment.MODE")), "the report shows environment.MODE differing");
            await EventuallyAsync(async () => (await EnvironmentAsync()).Contains("MODE=a"), "self-heal restored MODE=a");
        });
    }

    [Fact]
    public async Task RunHost_PublishedPortChangedByHand_ReportedWithTheFieldThenReplaced()
    {
        var other = Infrastructure.Network.FreePort().ToString(CultureInfo.InvariantCulture);
        await RunAsync(async sink =>
        {
            await RecreateByHandAsync(c => { }, h => h.PortBindings = new Dictionary<string, IList<PortBinding>>
            {
                ["8080/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = other }],
            });

            await EventuallyAsync(() => Task.FromResult(Detected("ports")), "the report shows ports differing");
            await EventuallyAsync(async () => await HostPortAsync() == _port.ToString(CultureInfo.InvariantCulture), "self-heal restored the published port");
        });
    }

    [Fact]
    public async Task RunHost_NetworkDisconnectedByHand_ReportedThenReconnectedWithAliasesNotReplaced()
    {
        await RunAsync(async sink =>
        {
            var before = await InspectAsync(WebName);
            await Fixture.Raw.Networks.DisconnectNetworkAsync(NetworkName, new NetworkDisconnectParameters { Container = before.ID }, Token);

            await EventuallyAsync(() => Task.FromResult(Detected("networks.default")), "the report shows networks.default differing");
            await EventuallyAsync(
                async () => (await InspectAsync(WebName)).NetworkSettings!.Networks.TryGetValue(NetworkName, out var endpoint)
                    && endpoint.Aliases?.Contains("frontend") == true,
                "self-heal reconnected the container with its alias");
            Assert.Equal(before.ID, (await InspectAsync(WebName)).ID);
        });
    }

    [Fact]
    public async Task Cycle_RecreatedByHandWhileTheDaemonWasDown_FirstPassAfterTheRestartReplacesIt()
    {
        CommitCompose();
        using (var first = Pipeline())
        {
            Assert.Equal(GitOps.Reconciler.Reconciliation.ReconcileStatus.Converged, (await first.Cycle.RunAsync(Token)).Status);
        }
        await RecreateByHandAsync(c => c.Env = [.. c.Env.Where(e => !e.StartsWith("MODE=", StringComparison.Ordinal)), "MODE=by-hand"], h => { });

        var restarted = Pipeline();
        var result = await restarted.Cycle.RunAsync(Token);

        Assert.Equal(GitOps.Reconciler.Reconciliation.ReconcileStatus.Converged, result.Status);
        Assert.Contains("MODE=a", await EnvironmentAsync());
    }

    /// <summary>Runs the daemon with the web service deployed and in sync, then <paramref name="test"/>.</summary>
    private async Task RunAsync(Func<NotificationSink, Task> test)
    {
        CommitCompose();
        using var sink = new NotificationSink();
        var port = Infrastructure.Network.FreePort();
        // A long poll: only events can show and heal the hand change within the test.
        var config = Config() with { PollInterval = TimeSpan.FromHours(1), HttpListen = new ListenAddress("127.0.0.1", port), Notify = new(WebhookUrl: sink.Url) };
        using var host = BuildHost(config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await host.StartAsync(Token);
        try
        {
            await EventuallyAsync(async () => await ReportStatusAsync(http) == "inSync", "the first pass reports in sync");
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(Token);
            var watcher = WatchStatusAsync(http, watching.Token);
            await test(sink);
            await watching.CancelAsync();
            await watcher;
            await EventuallyAsync(async () => await ReportStatusAsync(http) == "inSync", "the report is back in sync");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private void CommitCompose() => Upstream.Commit(new Dictionary<string, string>
    {
        ["inventory.yaml"] = $"hosts:\n  {Project}: {{}}\n",
        [$"stacks/{Project}/stack.yaml"] = $"targets: [{Project}]\n",
        [$"stacks/{Project}/compose.yaml"] = $"""
            services:
              web:
                image: {Web("v1")}
                stop_grace_period: 1s
                environment:
                  MODE: a
                ports: ["127.0.0.1:{_port}:8080"]
                networks:
                  default:
                    aliases: [frontend]

            """,
    }, "web");

    /// <summary>True once /status has shown <paramref name="field"/> differing for web.</summary>
    private bool Detected(string field)
    {
        lock (_seen)
        {
            return _seen.Contains(field);
        }
    }

    /// <summary>Reads /status often, keeping the fields shown differing for web, so a drift healed quickly is still seen.</summary>
    private async Task WatchStatusAsync(HttpClient http, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var report = JsonDocument.Parse(await http.GetStringAsync(new Uri("/status", UriKind.Relative), cancellationToken));
                var fields = report.RootElement.GetProperty("resources").EnumerateArray()
                    .Where(r => r.GetProperty("kind").GetString() == "service" && r.GetProperty("name").GetString() == "web")
                    .SelectMany(r => r.GetProperty("differences").EnumerateArray().Select(d => d.GetProperty("field").GetString() ?? ""));
                lock (_seen)
                {
                    _seen.UnionWith(fields);
                }
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // Between reports: try again.
            }
        }
    }

    /// <summary>What an operator does with <c>docker rm -f</c> and <c>docker run</c>: the same labels and name, a changed spec.</summary>
    private async Task RecreateByHandAsync(Action<ContainerConfig> editConfig, Action<HostConfig> editHost)
    {
        var old = await InspectAsync(WebName);
        var config = old.Config!;
        editConfig(config);
        var hostConfig = old.HostConfig!;
        editHost(hostConfig);
        var endpoints = old.NetworkSettings!.Networks.ToDictionary(
            kv => kv.Key,
            kv => new EndpointSettings { Aliases = [.. (kv.Value.Aliases ?? []).Where(a => !old.ID.StartsWith(a, StringComparison.Ordinal))] });
        await Fixture.Raw.Containers.RemoveContainerAsync(old.ID, new ContainerRemoveParameters { Force = true }, Token);
        var created = await Fixture.Raw.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = WebName,
            Image = config.Image,
            Env = config.Env,
            Labels = config.Labels,
            Cmd = config.Cmd,
            Entrypoint = config.Entrypoint,
            ExposedPorts = config.ExposedPorts,
            Healthcheck = config.Healthcheck,
            WorkingDir = config.WorkingDir,
            User = config.User,
            StopSignal = config.StopSignal,
            StopTimeout = config.StopTimeout,
            HostConfig = hostConfig,
            NetworkingConfig = new NetworkingConfig { EndpointsConfig = endpoints },
        }, Token);
        await Fixture.Raw.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), Token);
    }

    private async Task<IList<string>> EnvironmentAsync() =>
        await Fixture.Engine.Containers.InspectAsync(WebName, Token) is { State.Running: true } container ? container.Config!.Env : [];

    private async Task<string?> HostPortAsync() =>
        await Fixture.Engine.Containers.InspectAsync(WebName, Token) is { State.Running: true } container
            && container.HostConfig!.PortBindings.TryGetValue("8080/tcp", out var bindings) && bindings.Count > 0
            ? bindings[0].HostPort
            : null;
}
