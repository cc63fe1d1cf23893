using GitOps.Reconciler.Secrets.Failures;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace GitOps.Reconciler.Secrets.Age;

/// <summary>An age X25519 recipient: the public half of a host's key, written <c>age1...</c>.</summary>
public sealed record AgeRecipient
{
    private const string Hrp = "age";

    private AgeRecipient(byte[] publicKey) => PublicKey = publicKey;

    /// <summary>The 32-byte Curve25519 public key.</summary>
    internal byte[] PublicKey { get; }

    public static AgeRecipient Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decoded = Bech32.Decode(text.Trim());
        if (decoded is not { } value || value.Hrp != Hrp || value.Data.Length != X25519.PointSize)
        {
            throw new SecretException(SecretFailure.Malformed, "not an age X25519 recipient (expected age1... with a 32-byte key)");
        }

        return new AgeRecipient(value.Data);
    }

    internal static AgeRecipient FromPublicKey(byte[] publicKey) => new(publicKey);

    public override string ToString() => Bech32.Encode(Hrp, PublicKey);

    public bool Equals(AgeRecipient? other) => other is not null && PublicKey.AsSpan().SequenceEqual(other.PublicKey);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
