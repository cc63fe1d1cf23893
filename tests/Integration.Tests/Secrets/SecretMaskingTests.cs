using System.Text;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Daemon.Rendering;
using GitOps.Integration.Tests.Pipeline;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Secrets;

/// <summary>
/// Secrets planted under innocent names — a URL with a password, a variable of an env file marked sensitive, a
/// variable decrypted from a SOPS file — reach the container and none of the surfaces: plan, plan JSON, drift,
/// drift JSON (report.json and /status), history, render, or the files of the state directory.
/// </summary>
public sealed class SecretMaskingTests(EngineFixture fixture, ITestOutputHelper output) : PipelineTest(fixture, output)
{
    private static readonly DriftRevision Revision = new("refs/heads/main", new string('a', 40), Verified: false);
    private readonly AgeIdentity _hostKey = AgeIdentity.Generate();

    private string[] Planted(string round) => [$"hunter2-{round}", $"sensitive-{round}", $"decrypted-{round}"];

    private void WriteStack(string round)
    {
        Repo.Stack(Project, Compose(Web("v1", env: $"GREETING: postgres://u:hunter2-{round}@h/db") + "    env_file: [plain.env, secret.env]\n"), "sensitive: [plain.env]\n");
        var directory = Path.Combine(Repo.Root, "stacks", Project);
        File.WriteAllText(Path.Combine(directory, "plain.env"), $"MOTD=sensitive-{round}\n");
        File.WriteAllBytes(Path.Combine(directory, "secret.env"), SopsEncryptor.Encrypt(
            Encoding.UTF8.GetBytes($"WELCOME=decrypted-{round}\n"), SopsFormat.Dotenv, [_hostKey.Recipient], DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task Sync_SecretsChangedInGit_RecreatedAndNoSurfaceShowsAValue()
    {
        Reconciler.Secrets = SecretKeyring.Of([_hostKey]);
        WriteStack("one");
        await SyncOkAsync();
        WriteStack("two");

        var planned = await PlanAsync(fullDrift: true);
        var plan = planned.Plan!;
        var change = Service(planned, Project, "web");
        var text = PlanText.Render(plan);
        var report = DriftReportBuilder.Build(new DriftReportInput(plan, Revision, DateTimeOffset.UtcNow));
        var applied = await Reconciler.ApplyAsync(planned, progress: null, Token);
        var environment = await ContainerEnvironmentAsync();

        Assert.False(applied.Failed, applied.Error);
        Assert.Equal(ChangeAction.Replace, change.Action);
        foreach (var field in new[] { "environment.GREETING", "environment.MOTD", "environment.WELCOME" })
        {
            Assert.Contains(field, change.Fields.Select(f => f.Field));
        }
        Assert.Contains("environment.MOTD: changed (secret)", text, StringComparison.Ordinal);
        Assert.Contains("environment.WELCOME: changed (secret)", text, StringComparison.Ordinal);
        Assert.Contains("environment.GREETING: changed (secret)", text, StringComparison.Ordinal);
        Assert.Contains("GREETING=postgres://u:hunter2-two@h/db", environment);
        Assert.Contains("MOTD=sensitive-two", environment);
        Assert.Contains("WELCOME=decrypted-two", environment);

        var surfaces = new Dictionary<string, string>
        {
            ["plan"] = text,
            ["plan --json"] = PlanJson.Render(plan),
            ["drift"] = DriftTable.Render(report),
            ["drift --json, report.json, /status"] = DriftReportJson.Serialize(report),
            ["history"] = await RunAsync(new HistoryCommand(), "--state-dir", StateDirectory),
            ["history --json"] = await RunAsync(new HistoryCommand(), "--state-dir", StateDirectory, "--json"),
            ["render"] = await RunAsync(new RenderCommand(), Repo.Root, "--host", Project),
            ["render --json"] = await RunAsync(new RenderCommand(), Repo.Root, "--host", Project, "--json"),
            ["state directory"] = StateFiles(),
            ["the agent's log"] = Log.Text,
        };
        foreach (var (surface, shown) in surfaces)
        {
            foreach (var secret in Planted("one").Concat(Planted("two")))
            {
                Assert.False(shown.Contains(secret, StringComparison.Ordinal), $"{surface} shows {secret}:\n{shown}");
            }
        }
        Assert.Contains(Project, Log.Text, StringComparison.Ordinal); // the log was captured, so its check above means something
        // The revision directory holds the committed plain files as they are; the decrypted values are never written there.
        var revision = string.Join('\n', Directory.EnumerateFiles(Repo.Root, "*", SearchOption.AllDirectories).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.False(revision.Contains("decrypted-one", StringComparison.Ordinal) || revision.Contains("decrypted-two", StringComparison.Ordinal), "the revision directory holds a decrypted value");
    }

    private async Task<List<string>> ContainerEnvironmentAsync()
    {
        var id = (await ContainerIdsAsync())["web"];
        var inspect = await Fixture.Engine.Containers.InspectAsync(id, Token);
        return [.. inspect!.Config!.Env ?? []];
    }

    private async Task<string> RunAsync(ICommand command, params string[] args)
    {
        var (outputText, error) = (new StringWriter(), new StringWriter());
        var exit = await command.RunAsync(CommandLine.Parse(args, command.Spec), outputText, error, Token);
        Assert.True(exit == 0, $"{command.Spec.Name} exited {exit}: {error}");
        return outputText + error.ToString();
    }

    /// <summary>Every file the agent keeps, as text (state.db included).</summary>
    private string StateFiles() => string.Join('\n', Directory.EnumerateFiles(StateDirectory, "*", SearchOption.AllDirectories)
        .Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
}
