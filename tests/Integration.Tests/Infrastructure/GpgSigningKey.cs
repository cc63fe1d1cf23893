namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>
/// A generated OpenPGP key in a temporary GNUPGHOME (batch mode, no passphrase) and a gpgv keyring file
/// holding its public part. The gpg-agent it starts is stopped in Dispose.
/// </summary>
public sealed class GpgSigningKey : IDisposable
{
    private readonly TempDirectory _dir = new("gpg");

    public GpgSigningKey()
    {
        Tools.Require("gpg", "gnupg");
        Tools.Require("gpgv", "gpgv");
        Home = _dir.Combine("home");
        Directory.CreateDirectory(Home);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Gpg("--quick-generate-key", "Release Signer <release@example.org>", "ed25519", "sign", "never");
        var listing = Gpg("--with-colons", "--list-secret-keys");
        Fingerprint = listing.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        KeyringFile = _dir.Combine("trusted.gpg");
        File.WriteAllBytes(KeyringFile, ExportBinary());
    }

    public string Home { get; }

    public string Fingerprint { get; }

    public string KeyringFile { get; }

    public IReadOnlyList<string> GitOptions => ["-c", "gpg.format=openpgp", "-c", $"user.signingkey={Fingerprint}"];

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["GNUPGHOME"] = Home };

    private string Gpg(params string[] args) =>
        ProcessRunner.Run("gpg", ["--batch", "--pinentry-mode", "loopback", "--passphrase", "", .. args], environment: Environment).Output;

    private byte[] ExportBinary()
    {
        var file = _dir.Combine("export.gpg");
        Gpg("--output", file, "--export", Fingerprint);
        return File.ReadAllBytes(file);
    }

    public void Dispose()
    {
        ProcessRunner.Run("gpgconf", ["--kill", "all"], environment: Environment, check: false);
        _dir.Dispose();
    }
}
