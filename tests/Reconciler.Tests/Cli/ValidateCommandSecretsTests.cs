using System.Text;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;
using GitOps.Reconciler.Tests.Desired;

namespace GitOps.Reconciler.Tests.Cli;

/// <summary>validate without a key checks structure and names what it did not decrypt; with --host and --config it decrypts.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ValidateCommandSecretsTests : IDisposable
{
    private readonly AgeIdentity _hostKey = AgeIdentity.Generate();
    private readonly TestRepo _repo = TestRepo.Valid();
    private readonly string _config;

    public ValidateCommandSecretsTests()
    {
        var keyFile = Path.Combine(_repo.Root, "..", Path.GetFileName(_repo.Root) + ".agekey");
        File.WriteAllText(keyFile, _hostKey.ToKeyFile(DateTimeOffset.UnixEpoch));
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead);
        _config = Path.Combine(_repo.Root, "..", Path.GetFileName(_repo.Root) + ".agent.yaml");
        File.WriteAllText(_config, $"host: web-1\nrepo:\n  url: git://127.0.0.1/fleet\nsecrets:\n  ageKeyFile: {Path.GetFullPath(keyFile)}\n");
    }

    private void EncryptDotEnv(AgeRecipient recipient) => _repo.Write("stacks/app/.env", Encoding.UTF8.GetString(
        SopsEncryptor.Encrypt("DB_PASS=pa55word\n"u8.ToArray(), SopsFormat.Dotenv, [recipient], DateTimeOffset.UnixEpoch)));

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var command = new ValidateCommand(FakeCompose.Load);
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command.RunAsync(CommandLine.Parse(args, command.Spec), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task RunAsync_EncryptedFileWithoutKey_ValidAndNamesTheFileNotDecrypted()
    {
        EncryptDotEnv(_hostKey.Recipient);

        var (exit, output, _) = await Run(_repo.Root);

        Assert.Equal(0, exit);
        Assert.Contains("stacks/app/.env:1:1: warning: stacks/app/.env: encrypted, not decrypted without the host's age key", output, StringComparison.Ordinal);
        Assert.EndsWith("valid for 2 hosts (1 warning; 1 encrypted file not decrypted)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HostWithItsKey_DecryptsAndIsValid()
    {
        EncryptDotEnv(_hostKey.Recipient);

        var (exit, output, error) = await Run(_repo.Root, "--host", "web-1", "--config", _config);

        Assert.True(exit == 0, output + error);
        Assert.Equal("valid for host 'web-1' (0 warnings)\n", output);
    }

    [Fact]
    public async Task RunAsync_HostNotARecipient_ExitOneWithUndecryptableError()
    {
        EncryptDotEnv(AgeIdentity.Generate().Recipient);

        var (exit, output, _) = await Run(_repo.Root, "--host", "web-1", "--config", _config);

        Assert.Equal(1, exit);
        Assert.Contains("stacks/app/.env:1:1: stacks/app/.env: undecryptable (this host is not a recipient)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ConfigWithoutHost_ExitOneSaysWhy()
    {
        var (exit, _, error) = await Run(_repo.Root, "--config", _config);

        Assert.Equal(1, exit);
        Assert.Contains("name the host with --host", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        File.Delete(_config);
        File.Delete(Path.Combine(_repo.Root, "..", Path.GetFileName(_repo.Root) + ".agekey"));
        _repo.Dispose();
    }
}
