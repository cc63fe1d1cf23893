using System.Text;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;
using GitOps.Reconciler.Tests.Secrets;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary>A stack's .env encrypted with SOPS (dotenv, YAML or JSON inside): decrypted per host for interpolation.</summary>
public sealed class EncryptedDotEnvTests
{
    private const string Compose = "services:\n  web:\n    image: busybox\n    environment:\n      GREETING: \"pw=${DB_PASS}\"\n      MODE: ${MODE}\n";

    private static TestRepo Repo(string plain, SopsFormat format, AgeRecipient recipient) => TestRepo.Valid()
        .Write("stacks/app/.env", Encoding.UTF8.GetString(SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plain), format, [recipient], DateTimeOffset.UnixEpoch)))
        .Write("stacks/app/compose.yaml", Compose);

    [Theory]
    [InlineData("DB_PASS=pa$$word\nMODE=dev\n", SopsFormat.Dotenv)]
    [InlineData("DB_PASS: pa$$word\nMODE: dev\n", SopsFormat.Yaml)]
    [InlineData("{\"DB_PASS\": \"pa$$word\", \"MODE\": \"dev\"}", SopsFormat.Json)]
    public void Load_EncryptedDotEnvWithTheHostKey_InterpolatedLiterallyAndMasked(string plain, SopsFormat format)
    {
        using var repo = Repo(plain, format, SecretVectors.TestIdentity.Recipient);
        var diagnostics = new DiagnosticBag();

        var state = new DesiredStateLoader { Secrets = SecretKeyring.Of([SecretVectors.TestIdentity]) }.Load(repo.Repo, "web-1", diagnostics);

        Assert.True(state is not null, string.Join("\n", diagnostics.Items));
        var web = state.Stacks["app"].Compose.Services["web"];
        Assert.Equal("pw=pa$$word", web.Environment["GREETING"]);
        Assert.Equal("dev", web.Environment["MODE"]);
        Assert.Contains("GREETING", web.SensitiveEnvironment);
        Assert.Equal(SecretMask.Masked, SecretMask.For(web.SensitiveEnvironment, web.Environment).Show("environment.GREETING", web.Environment["GREETING"]));
    }

    [Fact]
    public void Load_EncryptedDotEnvForAnotherHost_UndecryptableErrorAtTheFile()
    {
        using var repo = Repo("DB_PASS=pa55word\nMODE=dev\n", SopsFormat.Dotenv, AgeIdentity.Generate().Recipient);
        var diagnostics = new DiagnosticBag();

        var state = new DesiredStateLoader { Secrets = SecretKeyring.Of([SecretVectors.TestIdentity]) }.Load(repo.Repo, "web-1", diagnostics);

        Assert.Null(state);
        var error = Assert.Single(diagnostics.Items, d => d.Severity == Severity.Error);
        Assert.StartsWith("stacks/app/.env:1:1: stacks/app/.env: undecryptable (this host is not a recipient)", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EncryptedDotEnvWithoutKey_StructureOnlyWarningNotSopsMetadataAsVariables()
    {
        using var repo = Repo("DB_PASS=pa55word\nMODE=dev\n", SopsFormat.Dotenv, SecretVectors.TestIdentity.Recipient);
        var diagnostics = new DiagnosticBag();

        var state = new DesiredStateLoader().Load(repo.Repo, "web-1", diagnostics);

        Assert.True(state is not null, string.Join("\n", diagnostics.Items));
        Assert.Contains(diagnostics.Items, d => d.Severity == Severity.Warning && d.Message.StartsWith("stacks/app/.env: encrypted, not decrypted", StringComparison.Ordinal));
        Assert.DoesNotContain(state.Stacks["app"].Compose.Services["web"].Environment.Values, v => v.Contains("ENC[", StringComparison.Ordinal));
    }
}
