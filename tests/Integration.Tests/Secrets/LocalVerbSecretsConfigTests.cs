using System.Text;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Integration.Tests.Pipeline;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;

namespace GitOps.Integration.Tests.Secrets;

/// <summary>
/// <c>sync DIR</c> and <c>drift --refresh --repo DIR</c> are this host's agent working on a directory: its agent.yaml
/// (<c>--config</c>) says where the age key is and which tmpfs directory decrypted files go to, as for the daemon.
/// </summary>
public sealed class LocalVerbSecretsConfigTests(EngineFixture fixture) : EngineTest(fixture), IDisposable
{
    private readonly TempDirectory _agent = new("local-verb-secrets");
    private readonly ConfigRepo _repo = new(EngineFixture.NewProject());
    private readonly AgeIdentity _hostKey = AgeIdentity.Generate();

    /// <summary>Not the default /run/gitops-agent/secrets: a tmpfs directory of this test's own.</summary>
    private string RuntimeDirectory => Path.Combine("/dev/shm", "gitops-agent-verb-" + Project);

    [Fact]
    public async Task SyncAndDriftOnDirectory_AgentYamlNamesKeyAndRuntimeDirectory_UsedInsteadOfTheDefaults()
    {
        var config = WriteAgentYaml();
        var directory = Path.Combine(_repo.Root, "stacks", Project);
        _repo.Stack(Project, $$"""
            services:
              web:
                image: {{EngineFixture.Image("web")}}:v1
                network_mode: none
                secrets: [token]
            secrets:
              token:
                file: ./token.yaml

            """);
        File.WriteAllBytes(Path.Combine(directory, "token.yaml"), SopsEncryptor.Encrypt(
            Encoding.UTF8.GetBytes("api_token: tok-" + Project + "\n"), SopsFormat.Yaml, [_hostKey.Recipient], DateTimeOffset.UnixEpoch));

        var sync = new SyncCommand();
        var (syncExit, syncOutput) = await RunAsync(sync, [_repo.Root, "--host", _repo.Host, "--config", config]);

        Assert.True(syncExit == 0, syncOutput);
        var id = Assert.Single(await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={Project}"], Token)).ID;
        var mount = Assert.Single((await InspectAsync(id)).Mounts!, m => m.Destination == "/run/secrets/token");
        Assert.StartsWith(Path.Combine(RuntimeDirectory, Project, "web") + "/", mount.Source, StringComparison.Ordinal);

        // drift --refresh decrypts with the configured key (the default key file does not exist here): in sync.
        var drift = new DriftCommand();
        var (driftExit, driftOutput) = await RunAsync(drift, ["--refresh", "--repo", _repo.Root, "--host", _repo.Host, "--config", config, "--json"]);

        var report = DriftReportJson.Deserialize(driftOutput);
        Assert.Equal(ResourceStatus.InSync, report.Find(DriftKind.Service, Project, "web")!.Status);
        Assert.Equal(DriftExitCode.InSync, driftExit);
    }

    private async Task<(int Exit, string Output)> RunAsync(ICommand command, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await command.RunAsync(CommandLine.Parse(args, command.Spec), output, error, Token);
        return (exit, output.ToString() + error);
    }

    private string WriteAgentYaml()
    {
        var key = _agent.Combine("host-age.key");
        File.WriteAllText(key, _hostKey.ToKeyFile(DateTimeOffset.UnixEpoch));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        var config = _agent.Combine("agent.yaml");
        File.WriteAllText(config, $"""
            host: {_repo.Host}
            repo:
              url: file://{_agent.Combine("unused.git")}
            stateDir: {_agent.Combine("state")}
            secrets:
              ageKeyFile: {key}
              runtimeDirectory: {RuntimeDirectory}

            """);
        return config;
    }

    public void Dispose()
    {
        _repo.Dispose();
        _agent.Dispose();
        if (Directory.Exists(RuntimeDirectory))
        {
            Directory.Delete(RuntimeDirectory, recursive: true);
        }
    }
}
