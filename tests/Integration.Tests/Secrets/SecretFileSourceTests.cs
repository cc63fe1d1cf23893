using System.Text;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Integration.Tests.Pipeline;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Secrets;

/// <summary>
/// Encrypted <c>secrets:</c>/<c>configs:</c> file sources (a SOPS YAML file, a whole age file) reach the container
/// decrypted, from owner-only files on tmpfs, and the plaintext is in neither the revision directory nor the state
/// directory; the files go when the service goes.
/// </summary>
public sealed class SecretFileSourceTests(EngineFixture fixture, ITestOutputHelper output) : PipelineTest(fixture, output)
{
    private readonly AgeIdentity _hostKey = AgeIdentity.Generate();

    private string ApiToken => "tok-" + Project;

    private string Banner => "banner-" + Project;

    [Fact]
    public async Task Sync_EncryptedFileSources_ContainerReadsPlaintextFromTmpfsOnly()
    {
        Reconciler.Secrets = SecretKeyring.Of([_hostKey]);
        var directory = Path.Combine(Repo.Root, "stacks", Project);
        Repo.Stack(Project, Compose(Web("v1") + """
                secrets: [token]
                configs:
                  - source: banner
                    target: /etc/banner

            """) + """
            secrets:
              token:
                file: ./token.yaml
            configs:
              banner:
                file: ./banner.age

            """);
        File.WriteAllBytes(Path.Combine(directory, "token.yaml"), SopsEncryptor.Encrypt(
            Encoding.UTF8.GetBytes($"api_token: {ApiToken}\n"), SopsFormat.Yaml, [_hostKey.Recipient], DateTimeOffset.UnixEpoch));
        File.WriteAllBytes(Path.Combine(directory, "banner.age"), AgeEncryptor.Encrypt(Encoding.UTF8.GetBytes(Banner), [_hostKey.Recipient]));

        await SyncOkAsync();

        var id = (await ContainerIdsAsync())["web"];
        Assert.Contains($"api_token: {ApiToken}", Exec(id, "cat", "/run/secrets/token"), StringComparison.Ordinal);
        Assert.Equal(Banner, Exec(id, "cat", "/etc/banner").TrimEnd('\n'));
        var inspect = await Fixture.Engine.Containers.InspectAsync(id, Token);
        var sources = inspect!.Mounts!.Where(m => m.Destination is "/run/secrets/token" or "/etc/banner").Select(m => m.Source).ToList();
        Assert.Equal(2, sources.Count);
        foreach (var source in sources)
        {
            Assert.StartsWith(Path.Combine(SecretsDirectory, Project, "web") + "/", source, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(source));
        }
        foreach (var (place, root) in new[] { ("revision directory", Repo.Root), ("state directory", StateDirectory) })
        {
            var text = AllFiles(root);
            Assert.False(text.Contains(ApiToken, StringComparison.Ordinal), $"the {place} holds the decrypted secret");
            Assert.False(text.Contains(Banner, StringComparison.Ordinal), $"the {place} holds the decrypted config");
        }

        Repo.Stack(Project, Compose(Web("v1", name: "api")));
        await SyncOkAsync();

        Assert.False(Directory.Exists(Path.Combine(SecretsDirectory, Project, "web")), "the decrypted files outlive the service");
        Assert.All(sources, source => Assert.False(File.Exists(source)));
    }

    /// <summary>
    /// A <c>secrets:</c> entry read from a variable (<c>environment:</c>) that the stack's encrypted .env holds is
    /// plaintext of a secret too: written to tmpfs like a decrypted file, never to the state directory.
    /// </summary>
    [Fact]
    public async Task Sync_EnvironmentSecretFromEncryptedDotEnv_ContainerReadsItFromTmpfsOnly()
    {
        Reconciler.Secrets = SecretKeyring.Of([_hostKey]);
        var directory = Path.Combine(Repo.Root, "stacks", Project);
        Repo.Stack(Project, Compose(Web("v1") + """
                secrets: [token, plain]

            """) + """
            secrets:
              token:
                environment: API_TOKEN
              plain:
                environment: PLAIN_SETTING

            """, policy: $"variables:\n  PLAIN_SETTING: {Banner}\n");
        File.WriteAllBytes(Path.Combine(directory, ".env"), SopsEncryptor.Encrypt(
            Encoding.UTF8.GetBytes($"API_TOKEN={ApiToken}\n"), SopsFormat.Dotenv, [_hostKey.Recipient], DateTimeOffset.UnixEpoch));

        await SyncOkAsync();

        var id = (await ContainerIdsAsync())["web"];
        Assert.Equal(ApiToken, Exec(id, "cat", "/run/secrets/token"));
        Assert.Equal(Banner, Exec(id, "cat", "/run/secrets/plain"));
        var inspect = await Fixture.Engine.Containers.InspectAsync(id, Token);
        var token = Assert.Single(inspect!.Mounts!, m => m.Destination == "/run/secrets/token").Source;
        Assert.StartsWith(Path.Combine(SecretsDirectory, Project, "web") + "/", token, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(token));
        // A plain variable's file stays where it was (the state directory): only decrypted values need tmpfs.
        var plain = Assert.Single(inspect.Mounts!, m => m.Destination == "/run/secrets/plain").Source;
        Assert.StartsWith(StateDirectory + "/", plain, StringComparison.Ordinal);
        Assert.False(AllFiles(StateDirectory).Contains(ApiToken, StringComparison.Ordinal), "the state directory holds the decrypted secret");
        Assert.False(AllFiles(Repo.Root).Contains(ApiToken, StringComparison.Ordinal), "the revision directory holds the decrypted secret");
    }

    private static string Exec(string container, params string[] command)
    {
        var result = ProcessRunner.Run("docker", ["exec", container, .. command]);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output;
    }

    private static string AllFiles(string root) => string.Join('\n', Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
}
