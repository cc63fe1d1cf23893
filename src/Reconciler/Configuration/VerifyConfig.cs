namespace GitOps.Reconciler.Configuration;

/// <param name="AllowedSigners">An ssh-keygen allowed_signers file, for SSH signatures.</param>
/// <param name="GpgKeyring">A keyring file for gpgv (binary export: <c>gpg --export KEYID &gt; FILE</c>), for OpenPGP signatures.</param>
public sealed record VerifyConfig(VerifyMode Mode, string? AllowedSigners = null, string? GpgKeyring = null)
{
    public static readonly VerifyConfig Off = new(VerifyMode.Off);
}
