using System.Text;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Failures;
using GitOps.Reconciler.Secrets.Sops;
using GitOps.Reconciler.Tests.Secrets;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>Bad secret files as the loader reports them: a positioned error naming the file and the reason, no value.</summary>
public sealed class ComposeLoaderSecretBadInputTests
{
    private static (StackSpec? Stack, DiagnosticBag Diagnostics) Load(TempRepo repo, string compose)
    {
        repo.Write(TempRepo.ComposeFile, compose);
        var bag = new DiagnosticBag();
        var source = new ComposeSource(repo.Repo, "stacks/app", TempRepo.ComposeFile, "app", new Dictionary<string, string>(), [])
        {
            Secrets = SecretKeyring.Of([SecretVectors.TestIdentity]),
        };
        return (ComposeLoader.Load(source, bag), bag);
    }

    private static string Encrypted(string plain, SopsFormat format) => Encoding.UTF8.GetString(
        SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plain), format, [SecretVectors.TestIdentity.Recipient], DateTimeOffset.UnixEpoch));

    [Fact]
    public void Load_YamlEnvFileKeyNotAnEnvironmentName_PositionedError()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/app.yaml", Encrypted("db-password: pa55word\n", SopsFormat.Yaml));

        var (_, bag) = Load(repo, "services:\n  web:\n    image: x\n    env_file: app.yaml\n");

        var error = Assert.Single(bag.Sorted(), d => d.Severity == Severity.Error);
        Assert.Equal(4, error.Position.Line);
        Assert.Contains("stacks/app/app.yaml: undecryptable (invalid content): key 'db-password' is not a valid environment variable name", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EncryptedEnvFileOverOneMebibyte_PositionedTooLargeError()
    {
        using var repo = new TempRepo();
        var big = Encrypted("A=" + new string('x', 100) + "\n", SopsFormat.Dotenv) + "# " + new string('p', SopsParser.MaxFileSize) + "\n";
        repo.Write("stacks/app/app.env", big);

        var (_, bag) = Load(repo, "services:\n  web:\n    image: x\n    env_file: app.env\n");

        var error = Assert.Single(bag.Sorted(), d => d.Severity == Severity.Error);
        Assert.Equal(4, error.Position.Line);
        Assert.Contains($"file 'stacks/app/app.env' is {Encoding.UTF8.GetByteCount(big)} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsEncrypted_OverOneMebibyte_SopsFileTrueAndPlainFileFalseWithoutThrowing()
    {
        var padding = "# " + new string('p', SopsParser.MaxFileSize) + "\n";
        var sops = Encoding.UTF8.GetBytes(Encrypted("A=b\n", SopsFormat.Dotenv) + padding);
        var plain = Encoding.UTF8.GetBytes("A=b\n" + padding);

        Assert.True(SecretFile.IsEncrypted(sops, "app.env"));
        Assert.False(SecretFile.IsEncrypted(plain, "app.env"));
        Assert.Equal(SecretFailure.TooLarge, Assert.Throws<SecretException>(() => SecretFile.Decrypt(sops, "app.env", [SecretVectors.TestIdentity])).Reason);
    }

    [Fact]
    public void Load_TamperedSecretFileSource_PositionedErrorAtItsFileKey()
    {
        using var repo = new TempRepo();
        var file = Encrypted("token: pa55word\n", SopsFormat.Yaml);
        var start = file.IndexOf("ENC[AES256_GCM,data:", StringComparison.Ordinal) + "ENC[AES256_GCM,data:".Length;
        var flipped = file[start] == 'A' ? 'B' : 'A';
        repo.Write("stacks/app/token.yaml", file[..start] + flipped + file[(start + 1)..]);

        var (_, bag) = Load(repo, "services:\n  web:\n    image: x\n    secrets: [token]\nsecrets:\n  token:\n    file: token.yaml\n");

        var error = Assert.Single(bag.Sorted(), d => d.Severity == Severity.Error);
        Assert.Equal(7, error.Position.Line);
        Assert.Contains("stacks/app/token.yaml: undecryptable (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", error.ToString(), StringComparison.Ordinal);
    }
}
