using System.Text;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;
using GitOps.Reconciler.Tests.Secrets;

namespace GitOps.Reconciler.Tests.Compose;

public sealed class ComposeLoaderSecretTests
{
    private const string Compose = "services:\n  web:\n    image: x\n    env_file: app.env\n    environment:\n      MODE: prod\n";

    private static (StackSpec? Stack, DiagnosticBag Diagnostics) Load(TempRepo repo, SecretKeyring keyring, params string[] sensitiveFiles)
    {
        repo.Write(TempRepo.ComposeFile, Compose);
        var bag = new DiagnosticBag();
        var source = new ComposeSource(repo.Repo, "stacks/app", TempRepo.ComposeFile, "app", new Dictionary<string, string>(), [])
        {
            Secrets = keyring,
            SensitiveFiles = sensitiveFiles,
        };
        return (ComposeLoader.Load(source, bag), bag);
    }

    private static string Encrypted(string plain, AgeRecipient recipient) =>
        Encoding.UTF8.GetString(SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plain), SopsFormat.Dotenv, [recipient], DateTimeOffset.UnixEpoch));

    [Fact]
    public void Load_SopsEnvFileWithTheHostKey_FeedsTheEnvironment()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/app.env", Encrypted("DB_PASSWORD=pa55\nMODE=dev\n", SecretVectors.TestIdentity.Recipient));

        var (stack, bag) = Load(repo, SecretKeyring.Of([SecretVectors.TestIdentity]));

        Assert.False(bag.HasErrors, string.Join('\n', bag.Sorted()));
        var web = Assert.Single(stack!.Services).Value;
        Assert.Equal("pa55", web.Environment["DB_PASSWORD"]);
        Assert.Equal("prod", web.Environment["MODE"]);
    }

    [Fact]
    public void Load_SopsEnvFileForAnotherHost_PositionedUndecryptableError()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/app.env", Encrypted("DB_PASSWORD=pa55\n", AgeIdentity.Generate().Recipient));

        var (_, bag) = Load(repo, SecretKeyring.Of([SecretVectors.TestIdentity]));

        var error = Assert.Single(bag.Sorted(), d => d.Severity == Severity.Error);
        Assert.Equal(4, error.Position.Line);
        Assert.Contains("stacks/app/app.env: undecryptable (this host is not a recipient)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SopsEnvFileTampered_UndecryptableError()
    {
        using var repo = new TempRepo();
        var file = Encrypted("DB_PASSWORD=pa55\nB=x\n", SecretVectors.TestIdentity.Recipient);
        repo.Write("stacks/app/app.env", string.Join('\n', file.Split('\n').Where(l => !l.StartsWith("B=", StringComparison.Ordinal))));

        var (_, bag) = Load(repo, SecretKeyring.Of([SecretVectors.TestIdentity]));

        Assert.Contains(bag.Sorted(), d => d.Severity == Severity.Error && d.Message.Contains("undecryptable (MAC mismatch)", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SopsEnvFileWithoutKeys_StructureOnlyWarningNamesTheFile()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/app.env", Encrypted("DB_PASSWORD=pa55\n", SecretVectors.TestIdentity.Recipient));

        var (stack, bag) = Load(repo, SecretKeyring.StructureOnly);

        Assert.False(bag.HasErrors);
        Assert.NotNull(stack);
        Assert.Contains(bag.Sorted(), d => d.Severity == Severity.Warning && d.Message.Contains("stacks/app/app.env: encrypted, not decrypted", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SopsEnvFile_EveryDecryptedVariableMarkedSensitive()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/app.env", Encrypted("GREETING=hello-there\nDB_PASSWORD=pa55\n", SecretVectors.TestIdentity.Recipient));

        var (stack, _) = Load(repo, SecretKeyring.Of([SecretVectors.TestIdentity]));

        Assert.Equal(["DB_PASSWORD", "GREETING"], Assert.Single(stack!.Services).Value.SensitiveEnvironment);
    }

    [Fact]
    public void Load_PlainEnvFileMarkedSensitive_ItsVariablesMarked()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/app.env", "GREETING=hello-there\n");

        var (stack, _) = Load(repo, SecretKeyring.StructureOnly, "stacks/app/app.env");

        Assert.Equal(["GREETING"], Assert.Single(stack!.Services).Value.SensitiveEnvironment);
    }

    [Fact]
    public void Load_PlainEnvFileNotMarked_NothingSensitive()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/app.env", "GREETING=hello-there\n");

        var (stack, _) = Load(repo, SecretKeyring.StructureOnly);

        Assert.Empty(Assert.Single(stack!.Services).Value.SensitiveEnvironment);
    }

    [Fact]
    public void Hash_SensitiveMarking_LeavesTheSpecHashAlone()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/app.env", "GREETING=hello-there\n");

        var marked = Assert.Single(Load(repo, SecretKeyring.StructureOnly, "stacks/app/app.env").Stack!.Services).Value;
        var plain = Assert.Single(Load(repo, SecretKeyring.StructureOnly).Stack!.Services).Value;

        Assert.Equal(ServiceSpecHash.Of(plain, ConfigHashKey.Unkeyed), ServiceSpecHash.Of(marked, ConfigHashKey.Unkeyed));
    }
}
