using GitOps.Reconciler.Secrets.Failures;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace GitOps.Reconciler.Secrets.Age;

/// <summary>Writes age v1 files to X25519 recipients, binary or armored (PEM-like text, as SOPS stores data keys).</summary>
public static class AgeEncryptor
{
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, IReadOnlyCollection<AgeRecipient> recipients, bool armor = false)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("at least one recipient is needed", nameof(recipients));
        }

        var fileKey = RandomNumberGenerator.GetBytes(AgeFormat.FileKeySize);
        var header = new StringBuilder();
        header.Append(AgeFormat.VersionLine).Append('\n');
        foreach (var recipient in recipients)
        {
            AppendX25519Stanza(header, fileKey, recipient);
        }

        header.Append("---");
        var mac = AgeFormat.HeaderMac(fileKey, Encoding.ASCII.GetBytes(header.ToString()));
        header.Append(' ').Append(AgeFormat.EncodeRaw(mac)).Append('\n');

        using var output = new MemoryStream();
        output.Write(Encoding.ASCII.GetBytes(header.ToString()));
        var nonce = RandomNumberGenerator.GetBytes(AgeFormat.PayloadNonceSize);
        output.Write(nonce);
        WritePayload(output, plaintext, AgeFormat.Hkdf(fileKey, nonce, AgeFormat.PayloadInfo));
        var binary = output.ToArray();
        return armor ? Encoding.ASCII.GetBytes(AgeArmor.Encode(binary)) : binary;
    }

    private static void AppendX25519Stanza(StringBuilder header, byte[] fileKey, AgeRecipient recipient)
    {
        var ephemeral = RandomNumberGenerator.GetBytes(X25519.ScalarSize);
        var share = new byte[X25519.PointSize];
        X25519.ScalarMultBase(ephemeral, 0, share, 0);
        var shared = new byte[X25519.PointSize];
        if (!X25519.CalculateAgreement(ephemeral, 0, recipient.PublicKey, 0, shared, 0))
        {
            throw new SecretException(SecretFailure.Malformed, "the recipient is a low-order point");
        }

        var wrapKey = AgeFormat.Hkdf(shared, [.. share, .. recipient.PublicKey], AgeFormat.X25519Info);
        var body = new byte[AgeFormat.FileKeySize + AgeFormat.TagSize];
        using (var aead = new ChaCha20Poly1305(wrapKey))
        {
            aead.Encrypt(new byte[12], fileKey, body.AsSpan(0, AgeFormat.FileKeySize), body.AsSpan(AgeFormat.FileKeySize));
        }

        header.Append("-> ").Append(AgeFormat.X25519Type).Append(' ').Append(AgeFormat.EncodeRaw(share)).Append('\n');
        AppendBody(header, AgeFormat.EncodeRaw(body));
    }

    // A stanza body is wrapped at 64 columns and always ends with a line shorter than 64 (possibly empty).
    private static void AppendBody(StringBuilder header, string body)
    {
        var offset = 0;
        while (body.Length - offset >= AgeFormat.ColumnsPerLine)
        {
            header.Append(body, offset, AgeFormat.ColumnsPerLine).Append('\n');
            offset += AgeFormat.ColumnsPerLine;
        }

        header.Append(body, offset, body.Length - offset).Append('\n');
    }

    private static void WritePayload(Stream output, ReadOnlySpan<byte> plaintext, byte[] payloadKey)
    {
        using var aead = new ChaCha20Poly1305(payloadKey);
        long index = 0;
        var offset = 0;
        do
        {
            var length = Math.Min(AgeFormat.ChunkSize, plaintext.Length - offset);
            var last = offset + length == plaintext.Length;
            var chunk = new byte[length + AgeFormat.TagSize];
            aead.Encrypt(AgeFormat.ChunkNonce(index, last), plaintext.Slice(offset, length), chunk.AsSpan(0, length), chunk.AsSpan(length));
            output.Write(chunk);
            offset += length;
            index++;
        }
        while (offset < plaintext.Length);
    }
}
