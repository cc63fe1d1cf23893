namespace GitOps.Reconciler.Source;

/// <summary>The bytes that were signed and the armored signature over them, as extracted from a commit or tag object.</summary>
public sealed record SignedPayload(byte[] Payload, string Signature)
{
    public const string SshArmor = "-----BEGIN SSH SIGNATURE-----";
    public const string PgpArmor = "-----BEGIN PGP SIGNATURE-----";

    public SignatureFormat? Format =>
        Signature.StartsWith(SshArmor, StringComparison.Ordinal) ? SignatureFormat.Ssh
        : Signature.StartsWith(PgpArmor, StringComparison.Ordinal) ? SignatureFormat.OpenPgp
        : null;
}
