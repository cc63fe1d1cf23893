using GitOps.Reconciler.Secrets.Failures;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace GitOps.Reconciler.Secrets.Age;

/// <summary>
/// Reads age v1 files (binary or armored) with X25519 identities: finds the stanza for one of the identities,
/// verifies the header MAC, then authenticates and decrypts every payload chunk. Any change to the file is refused.
/// </summary>
public static class AgeDecryptor
{
    public static byte[] Decrypt(ReadOnlySpan<byte> file, IReadOnlyList<AgeIdentity> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var binary = AgeArmor.IsArmored(file) ? AgeArmor.Decode(file) : file.ToArray();
        var header = AgeHeader.Parse(binary);
        var fileKey = Unwrap(header, identities);
        var expected = AgeFormat.HeaderMac(fileKey, binary.AsSpan(0, header.MacInputLength));
        if (!CryptographicOperations.FixedTimeEquals(expected, header.Mac))
        {
            throw new SecretException(SecretFailure.Tampered, "age header MAC does not match: the file was changed");
        }

        return DecryptPayload(binary.AsSpan(header.Length), fileKey);
    }

    private static byte[] Unwrap(AgeHeader header, IReadOnlyList<AgeIdentity> identities)
    {
        if (identities.Count == 0)
        {
            throw new SecretException(SecretFailure.KeyMissing, "no age identity is configured on this host");
        }

        var stanzas = header.Stanzas.Where(s => s.Type == AgeFormat.X25519Type).ToList();
        foreach (var stanza in stanzas)
        {
            if (stanza.Arguments.Count != 2 || AgeFormat.DecodeRaw(stanza.Arguments[1]) is not { Length: X25519.PointSize } share
                || stanza.Body.Length != AgeFormat.FileKeySize + AgeFormat.TagSize)
            {
                throw new SecretException(SecretFailure.Malformed, "age X25519 stanza is malformed");
            }

            foreach (var identity in identities)
            {
                if (TryUnwrap(identity, share, stanza.Body) is { } fileKey)
                {
                    return fileKey;
                }
            }
        }

        var kinds = string.Join(", ", header.Stanzas.Select(s => s.Type).Distinct(StringComparer.Ordinal));
        throw new SecretException(
            SecretFailure.NotRecipient,
            $"this host is not among the file's age recipients ({header.Stanzas.Count} stanza(s): {kinds}; this host is {string.Join(", ", identities.Select(i => i.Recipient))})");
    }

    private static byte[]? TryUnwrap(AgeIdentity identity, byte[] share, byte[] body)
    {
        var shared = new byte[X25519.PointSize];
        if (!identity.Agree(share, shared))
        {
            return null;
        }

        var wrapKey = AgeFormat.Hkdf(shared, [.. share, .. identity.Recipient.PublicKey], AgeFormat.X25519Info);
        var fileKey = new byte[AgeFormat.FileKeySize];
        try
        {
            using var aead = new ChaCha20Poly1305(wrapKey);
            aead.Decrypt(new byte[12], body.AsSpan(0, AgeFormat.FileKeySize), body.AsSpan(AgeFormat.FileKeySize), fileKey);
            return fileKey;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] DecryptPayload(ReadOnlySpan<byte> payload, byte[] fileKey)
    {
        if (payload.Length < AgeFormat.PayloadNonceSize + AgeFormat.TagSize)
        {
            throw new SecretException(SecretFailure.Truncated, "age payload is truncated");
        }

        var payloadKey = AgeFormat.Hkdf(fileKey, payload[..AgeFormat.PayloadNonceSize].ToArray(), AgeFormat.PayloadInfo);
        var chunks = payload[AgeFormat.PayloadNonceSize..];
        using var aead = new ChaCha20Poly1305(payloadKey);
        using var output = new MemoryStream();
        long index = 0;
        const int sealedChunk = AgeFormat.ChunkSize + AgeFormat.TagSize;
        while (true)
        {
            var last = chunks.Length <= sealedChunk;
            var length = Math.Min(chunks.Length, sealedChunk);
            if (length < AgeFormat.TagSize || (last && length == AgeFormat.TagSize && index > 0))
            {
                throw new SecretException(SecretFailure.Truncated, "age payload is truncated");
            }

            var plain = new byte[length - AgeFormat.TagSize];
            try
            {
                aead.Decrypt(AgeFormat.ChunkNonce(index, last), chunks[..plain.Length], chunks.Slice(plain.Length, AgeFormat.TagSize), plain);
            }
            catch (AuthenticationTagMismatchException e)
            {
                // A full-size final chunk that fails with the last flag may be a file cut at a chunk boundary.
                var reason = last && length == sealedChunk ? SecretFailure.Truncated : SecretFailure.Tampered;
                throw new SecretException(reason, $"age payload chunk {index} does not authenticate: the file was changed or truncated", e);
            }

            output.Write(plain);
            if (last)
            {
                return output.ToArray();
            }

            chunks = chunks[length..];
            index++;
        }
    }
}
