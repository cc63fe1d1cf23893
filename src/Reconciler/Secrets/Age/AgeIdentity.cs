using GitOps.Reconciler.Secrets.Failures;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace GitOps.Reconciler.Secrets.Age;

/// <summary>
/// An age X25519 identity (the private key, written <c>AGE-SECRET-KEY-1...</c>). Its text form is never logged;
/// <see cref="ToString"/> shows only the public recipient.
/// </summary>
public sealed class AgeIdentity
{
    private const string Hrp = "age-secret-key-";
    private readonly byte[] _scalar;

    private AgeIdentity(byte[] scalar)
    {
        _scalar = scalar;
        var publicKey = new byte[X25519.PointSize];
        X25519.ScalarMultBase(scalar, 0, publicKey, 0);
        Recipient = AgeRecipient.FromPublicKey(publicKey);
    }

    public AgeRecipient Recipient { get; }

    public static AgeIdentity Generate() => new(RandomNumberGenerator.GetBytes(X25519.ScalarSize));

    /// <summary>Parses one identity line; the message on failure never repeats the text.</summary>
    public static AgeIdentity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decoded = Bech32.Decode(text.Trim());
        if (decoded is not { } value || value.Hrp != Hrp || value.Data.Length != X25519.ScalarSize)
        {
            throw new SecretException(SecretFailure.KeyRejected, "not an age X25519 identity (expected AGE-SECRET-KEY-1... with a 32-byte key)");
        }

        return new AgeIdentity(value.Data);
    }

    /// <summary>
    /// Reads the identities of an age key file as age-keygen writes it: comment lines start with '#', every other
    /// non-empty line is one identity.
    /// </summary>
    public static IReadOnlyList<AgeIdentity> ParseFile(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var identities = content.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(Parse)
            .ToList();
        return identities.Count > 0
            ? identities
            : throw new SecretException(SecretFailure.KeyMissing, "the key file holds no age identity");
    }

    /// <summary>The secret text, for writing a new key file; never log it.</summary>
    public string ToSecretText() => Bech32.Encode(Hrp, _scalar).ToUpperInvariant();

    /// <summary>The key file content age-keygen would write: a public key comment and the identity.</summary>
    public string ToKeyFile(DateTimeOffset created) =>
        $"# created: {created.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}\n# public key: {Recipient}\n{ToSecretText()}\n";

    public override string ToString() => $"age identity for {Recipient}";

    /// <summary>X25519 with this identity's scalar; false when the result is all zeros (a low-order point).</summary>
    internal bool Agree(byte[] publicPoint, byte[] shared) =>
        X25519.CalculateAgreement(_scalar, 0, publicPoint, 0, shared, 0);
}
