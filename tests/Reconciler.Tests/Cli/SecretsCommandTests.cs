using System.Text;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Tests.Secrets;

namespace GitOps.Reconciler.Tests.Cli;

public sealed class SecretsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("secrets-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var command = new SecretsCommand();
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command.RunAsync(CommandLine.Parse(args, command.Spec), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Encrypt_DotenvInPlace_DecryptsToTheSameVariables()
    {
        var file = Path.Combine(_dir, "app.env");
        await File.WriteAllTextAsync(file, "DB_PASSWORD=pa55word\n");

        var (exit, output, error) = await Run("encrypt", file, "--recipient", SecretVectors.TestRecipient, "--in-place");

        Assert.Equal(0, exit);
        Assert.Equal("", output + error);
        var encrypted = await File.ReadAllBytesAsync(file);
        Assert.DoesNotContain("pa55word", Encoding.UTF8.GetString(encrypted), StringComparison.Ordinal);
        Assert.Equal([new("DB_PASSWORD", "pa55word")], SecretFile.DecryptEnvironment(encrypted, file, [SecretVectors.TestIdentity]));
    }

    [Fact]
    public async Task Encrypt_YamlToStandardOutput_WritesSopsLayout()
    {
        var file = Path.Combine(_dir, "config.yaml");
        await File.WriteAllTextAsync(file, "token: abc\n");

        var (exit, output, _) = await Run("encrypt", file, "--recipient", SecretVectors.TestRecipient);

        Assert.Equal(0, exit);
        Assert.Contains("token: ENC[AES256_GCM,", output, StringComparison.Ordinal);
        Assert.Contains("recipient: " + SecretVectors.TestRecipient, output, StringComparison.Ordinal);
        Assert.Equal("token: abc\n", Encoding.UTF8.GetString(SecretFile.Decrypt(Encoding.UTF8.GetBytes(output), file, [SecretVectors.TestIdentity])));
    }

    [Fact]
    public async Task Encrypt_AlreadyEncrypted_Refused()
    {
        var file = Path.Combine(_dir, "app.env");
        await File.WriteAllTextAsync(file, "A=1\n");
        await Run("encrypt", file, "--recipient", SecretVectors.TestRecipient, "--in-place");

        var (exit, _, error) = await Run("encrypt", file, "--recipient", SecretVectors.TestRecipient, "--in-place");

        Assert.Equal(1, exit);
        Assert.Contains("already encrypted", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypt_BadRecipient_RefusedWithoutWriting()
    {
        var file = Path.Combine(_dir, "app.env");
        await File.WriteAllTextAsync(file, "A=1\n");

        var (exit, _, error) = await Run("encrypt", file, "--recipient", "age1notarecipient", "--in-place");

        Assert.Equal(1, exit);
        Assert.Contains("not an age X25519 recipient", error, StringComparison.Ordinal);
        Assert.Equal("A=1\n", await File.ReadAllTextAsync(file));
    }
}
