using System.Diagnostics;
using System.Text;
using GitOps.Daemon.Commands;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// Secrets planted under innocent names — a URL's password in a plain variable, a variable of an env file marked
/// sensitive, a variable of a SOPS env file — reach the container and no surface of the agent, each read the way an
/// operator reads it: the daemon (<c>gitops-agent run</c>, its log as written), /status, /metrics, the notifications
/// on the wire, report.json and every file of the state directory (state.db included); then <c>plan</c>, <c>sync</c>,
/// <c>drift</c> and <c>history</c>, as text and JSON, run as commands with their logs.
/// </summary>
[Collection(AgentHostCollection.Name)]
public sealed class DaemonSecretSurfacesTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output), IDisposable
{
    private static readonly string[] Rounds = ["one", "two", "three"];
    private readonly AgeIdentity _hostKey = AgeIdentity.Generate();
    private readonly TempDirectory _logs = new("secret-surfaces-logs");

    private static string[] Planted(string round) => [$"hunter2-{round}", $"sensitive-{round}", $"decrypted-{round}"];

    [Fact]
    public async Task EverySurface_SecretsUnderInnocentNamesChangedThreeTimes_NoValueShownAnywhere()
    {
        var port = Infrastructure.Network.FreePort();
        using var receiver = new NotificationSink();
        var config = WriteAgentYaml(port, receiver.Url);
        var surfaces = new Dictionary<string, string>();

        // The daemon deploys round one, then the commit of round two.
        Commit("one", push: true);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var daemonLog = _logs.Combine("daemon.log");
        using (var daemon = ProcessRunner.Start("dotnet", [Agent, "run", "--config", config], daemonLog))
        {
            try
            {
                await EventuallyAsync(async () => await EnvironmentHasAsync("decrypted-one"), "the daemon deploys round one");
                var committed = DateTimeOffset.UtcNow;
                Commit("two", push: true);
                await EventuallyAsync(async () => await EnvironmentHasAsync("decrypted-two"), "the daemon deploys round two");
                await EventuallyAsync(async () => await ReportStatusAsync(http, committed) == "inSync", "the report of round two is in sync");
                // A hand stop: drift detected (and resolved by self-heal) is notified with the resource's details.
                var web = (await ContainersAsync())[$"{Project}-web-1"].ID;
                await Fixture.Raw.Containers.StopContainerAsync(web, new Docker.DotNet.Models.ContainerStopParameters { WaitBeforeKillSeconds = 1 }, Token);
                // Both deploys are notified too, so wait for the drift notification itself, not a count.
                await EventuallyAsync(() => Task.FromResult(receiver.Received.Any(n => n.GetRawText().Contains("driftDetected", StringComparison.Ordinal))),
                    "the hand stop was notified");
                surfaces["/status"] = await http.GetStringAsync(new Uri("/status", UriKind.Relative), Token);
                surfaces["/metrics"] = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Token);
            }
            finally
            {
                // A clean stop (SIGTERM), so the state store is written out as the daemon leaves it.
                ProcessRunner.Run("kill", ["-TERM", daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], check: false);
                await daemon.WaitForExitAsync(CancellationToken.None);
            }
        }

        // Round three through the commands, on the working copy, with the host's agent.yaml.
        Commit("three", push: false);
        var plan = Command(surfaces, "plan", [Upstream.WorkPath, "--config", config, "--verbose"], expectedExit: 2);
        Command(surfaces, "plan --json", [Upstream.WorkPath, "--config", config, "--json"], expectedExit: 2);
        Command(surfaces, "sync", [Upstream.WorkPath, "--config", config, "--verbose"], expectedExit: 0);
        Command(surfaces, "sync --json", [Upstream.WorkPath, "--config", config, "--json", "--verbose"], expectedExit: 0);
        Assert.True(await EnvironmentHasAsync("decrypted-three") && await EnvironmentHasAsync("sensitive-three") && await EnvironmentHasAsync("hunter2-three"),
            "the container runs with round three's values");
        Command(surfaces, "drift", ["--config", config], expectedExit: null);
        Command(surfaces, "drift --json", ["--config", config, "--json"], expectedExit: null);
        Command(surfaces, "history", ["--config", config], expectedExit: 0);
        Command(surfaces, "history --json", ["--config", config, "--json"], expectedExit: 0);

        surfaces["notifications on the wire"] = string.Join('\n', receiver.Received.Select(n => n.GetRawText()));
        surfaces["report.json"] = File.ReadAllText(AgentState.Combine("report.json"));
        // The clone and the revision directories hold the committed files as they are (a plain env file included):
        // only the decrypted values must never be there. Everything else the agent keeps is checked for every value.
        string[] checkouts = [AgentState.Combine("repo") + "/", AgentState.Combine("revisions") + "/"];
        surfaces["the state directory (state.db and every other file)"] = AllFiles(AgentState.Path, f => !checkouts.Any(c => f.StartsWith(c, StringComparison.Ordinal)));
        var revisions = AllFiles(AgentState.Path, f => checkouts.Any(c => f.StartsWith(c, StringComparison.Ordinal)));
        surfaces["the daemon's log"] = File.ReadAllText(daemonLog);

        // Each check below can fail: the surfaces are there, and the plan said what changed without a value.
        foreach (var field in new[] { "GREETING", "MOTD", "WELCOME" })
        {
            Assert.Contains($"environment.{field}: changed (secret)", plan, StringComparison.Ordinal);
        }
        Assert.Contains(Project, surfaces["the daemon's log"], StringComparison.Ordinal);
        Assert.Contains("driftDetected", surfaces["notifications on the wire"], StringComparison.Ordinal);
        Assert.Contains("gitops_agent_", surfaces["/metrics"], StringComparison.Ordinal);
        Assert.Contains("sensitive-two", revisions, StringComparison.Ordinal); // the checkout was read, so the check below means something
        foreach (var round in Rounds)
        {
            Assert.False(revisions.Contains("decrypted-" + round, StringComparison.Ordinal), "the revision directory holds a decrypted value");
        }
        foreach (var (surface, shown) in surfaces)
        {
            foreach (var secret in Rounds.SelectMany(Planted))
            {
                Assert.False(shown.Contains(secret, StringComparison.Ordinal), $"{surface} shows {secret}:\n{shown}");
            }
        }
    }

    private static string Agent => typeof(SyncCommand).Assembly.Location;

    /// <summary>Runs a verb as its own process and keeps everything it wrote (output, errors, its log) as one surface.</summary>
    private static string Command(Dictionary<string, string> surfaces, string name, string[] args, int? expectedExit)
    {
        var verb = name.Split(' ')[0];
        var run = ProcessRunner.Run("dotnet", [Agent, verb, .. args], check: false, timeout: TimeSpan.FromMinutes(2));
        var shown = run.Output + run.Error;
        Assert.True(expectedExit is null || run.ExitCode == expectedExit, $"{name} exited {run.ExitCode}:\n{shown}");
        surfaces[name] = shown;
        return shown;
    }

    private void Commit(string round, bool push)
    {
        var secretEnv = Encoding.UTF8.GetString(SopsEncryptor.Encrypt(
            Encoding.UTF8.GetBytes($"WELCOME=decrypted-{round}\n"), SopsFormat.Dotenv, [_hostKey.Recipient], DateTimeOffset.UnixEpoch));
        Upstream.Commit(new Dictionary<string, string>
        {
            ["inventory.yaml"] = $"hosts:\n  {Project}: {{}}\n",
            [$"stacks/{Project}/stack.yaml"] = $"targets: [{Project}]\nsensitive: [plain.env]\n",
            [$"stacks/{Project}/compose.yaml"] =
                $"services:\n  web:\n    image: {Web("v1")}\n    network_mode: none\n    environment:\n      GREETING: postgres://u:hunter2-{round}@h/db\n"
                + "    env_file: [plain.env, secret.env]\n",
            [$"stacks/{Project}/plain.env"] = $"MOTD=sensitive-{round}\n",
            [$"stacks/{Project}/secret.env"] = secretEnv,
        }, "round " + round, push: push);
    }

    private async Task<bool> EnvironmentHasAsync(string value)
    {
        var containers = await ContainersAsync();
        if (!containers.TryGetValue($"{Project}-web-1", out var web))
        {
            return false;
        }
        var inspect = await Fixture.Engine.Containers.InspectAsync(web.ID, Token);
        return inspect?.Config?.Env?.Any(e => e.Contains(value, StringComparison.Ordinal)) == true;
    }

    private string WriteAgentYaml(int port, Uri webhook)
    {
        var key = AgentState.Combine("age.key");
        File.WriteAllText(key, _hostKey.ToKeyFile(DateTimeOffset.UnixEpoch));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        var config = _logs.Combine("agent.yaml");
        File.WriteAllText(config, $"""
            host: {Project}
            repo:
              url: {Upstream.FileUrl}
            pollInterval: 1s
            stateDir: {AgentState.Path}
            http:
              listen: 127.0.0.1:{port}
            notify:
              webhookUrl: {webhook}
              slackUrl: {webhook}slack
            log:
              level: debug
            secrets:
              ageKeyFile: {key}

            """);
        return config;
    }

    private static string AllFiles(string root, Func<string, bool> include) => string.Join('\n', Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Where(include)
        .Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));

    public new void Dispose()
    {
        _logs.Dispose();
        base.Dispose();
    }
}
