using GitOps.Reconciler.Secrets.Failures;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>
/// One SOPS value: <c>ENC[AES256_GCM,data:...,iv:...,tag:...,type:...]</c>, AES-256-GCM with a 32-byte IV and the
/// value's path as additional data. BouncyCastle's GCM because .NET's AesGcm takes 12-byte nonces only.
/// </summary>
internal static partial class SopsValueCipher
{
    private const int IvSize = 32;
    private const int TagSize = 16;

    public static bool IsEncrypted(string text) => text.StartsWith("ENC[AES256_GCM,", StringComparison.Ordinal);

    /// <summary>The plaintext bytes and the recorded type; an authentication failure means the value or its path changed.</summary>
    public static (byte[] Plain, string Type) Decrypt(string value, byte[] dataKey, string path)
    {
        var match = EncryptedValue().Match(value);
        if (!match.Success)
        {
            throw new SecretException(SecretFailure.Malformed, "SOPS value at '" + path + "' is not in the ENC[AES256_GCM,...] form");
        }

        byte[] data, iv, tag;
        try
        {
            data = Convert.FromBase64String(match.Groups["data"].Value);
            iv = Convert.FromBase64String(match.Groups["iv"].Value);
            tag = Convert.FromBase64String(match.Groups["tag"].Value);
        }
        catch (FormatException e)
        {
            throw new SecretException(SecretFailure.Malformed, "SOPS value at '" + path + "' has invalid base64", e);
        }

        var gcm = Cipher(forEncryption: false, dataKey, iv, path);
        var plain = new byte[gcm.GetOutputSize(data.Length + tag.Length)];
        try
        {
            var written = gcm.ProcessBytes([.. data, .. tag], 0, data.Length + tag.Length, plain, 0);
            written += gcm.DoFinal(plain, written);
            return (plain[..written], match.Groups["type"].Value);
        }
        catch (InvalidCipherTextException e)
        {
            throw new SecretException(SecretFailure.Tampered, "SOPS value at '" + path + "' does not authenticate: the file was changed", e);
        }
    }

    public static string Encrypt(byte[] plain, string type, byte[] dataKey, string path)
    {
        var iv = RandomNumberGenerator.GetBytes(IvSize);
        var gcm = Cipher(forEncryption: true, dataKey, iv, path);
        var output = new byte[gcm.GetOutputSize(plain.Length)];
        var written = gcm.ProcessBytes(plain, 0, plain.Length, output, 0);
        written += gcm.DoFinal(output, written);
        return $"ENC[AES256_GCM,data:{Convert.ToBase64String(output, 0, written - TagSize)},iv:{Convert.ToBase64String(iv)},tag:{Convert.ToBase64String(output, written - TagSize, TagSize)},type:{type}]";
    }

    private static GcmBlockCipher Cipher(bool forEncryption, byte[] key, byte[] iv, string path)
    {
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagSize * 8, iv, Encoding.UTF8.GetBytes(path)));
        return gcm;
    }

    [GeneratedRegex(@"^ENC\[AES256_GCM,data:(?<data>[^,]*),iv:(?<iv>[^,]+),tag:(?<tag>[^,]+),type:(?<type>[a-z]+)\]$")]
    private static partial Regex EncryptedValue();
}
