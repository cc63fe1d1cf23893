using System.Security.Cryptography;
using System.Text;

namespace GitOps.Reconciler.Secrets.Age;

/// <summary>Constants and primitives of the age v1 file format shared by <see cref="AgeEncryptor"/> and <see cref="AgeDecryptor"/>.</summary>
internal static class AgeFormat
{
    public const string VersionLine = "age-encryption.org/v1";
    public const string X25519Type = "X25519";
    public const int FileKeySize = 16;
    public const int ChunkSize = 64 * 1024;
    public const int TagSize = 16;
    public const int PayloadNonceSize = 16;
    public const int ColumnsPerLine = 64;

    public static readonly byte[] X25519Info = Encoding.ASCII.GetBytes("age-encryption.org/v1/X25519");
    public static readonly byte[] HeaderInfo = Encoding.ASCII.GetBytes("header");
    public static readonly byte[] PayloadInfo = Encoding.ASCII.GetBytes("payload");

    public static byte[] Hkdf(byte[] ikm, byte[] salt, byte[] info) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 32, salt, info);

    public static byte[] HeaderMac(byte[] fileKey, ReadOnlySpan<byte> headerUpToDashes) =>
        HMACSHA256.HashData(Hkdf(fileKey, [], HeaderInfo), headerUpToDashes);

    /// <summary>The nonce of payload chunk <paramref name="index"/>: an 11-byte big-endian counter and a last-chunk flag.</summary>
    public static byte[] ChunkNonce(long index, bool last)
    {
        var nonce = new byte[12];
        for (var i = 10; i >= 0 && index > 0; i--)
        {
            nonce[i] = (byte)(index & 0xff);
            index >>= 8;
        }

        nonce[11] = last ? (byte)1 : (byte)0;
        return nonce;
    }

    /// <summary>Base64 without padding, as age writes stanza arguments, bodies and the MAC.</summary>
    public static string EncodeRaw(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=');

    public static byte[]? DecodeRaw(string text)
    {
        if (text.Contains('=', StringComparison.Ordinal) || text.Length % 4 == 1)
        {
            return null;
        }

        var padded = text + new string('=', (4 - (text.Length % 4)) % 4);
        var buffer = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
