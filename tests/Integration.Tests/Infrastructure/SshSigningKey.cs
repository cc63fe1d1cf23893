namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>A generated ed25519 key that signs commits and tags through git's gpg.format=ssh, with an allowed_signers file naming it.</summary>
public sealed class SshSigningKey : IDisposable
{
    private readonly TempDirectory _dir = new("sshsign");

    public SshSigningKey(string principal = "release@example.org")
    {
        Tools.Require("ssh-keygen", "openssh-client");
        Principal = principal;
        KeyFile = _dir.Combine("signing_ed25519");
        ProcessRunner.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", KeyFile]);
        AllowedSignersFile = _dir.Combine("allowed_signers");
        File.WriteAllText(AllowedSignersFile, $"{principal} namespaces=\"git\" {File.ReadAllText(KeyFile + ".pub").Trim()}\n");
    }

    public string Principal { get; }

    public string KeyFile { get; }

    public string AllowedSignersFile { get; }

    /// <summary>git -c options that make <c>commit -S</c> / <c>tag -s</c> sign with this key.</summary>
    public IReadOnlyList<string> GitOptions => ["-c", "gpg.format=ssh", "-c", $"user.signingkey={KeyFile}"];

    public void Dispose() => _dir.Dispose();
}
