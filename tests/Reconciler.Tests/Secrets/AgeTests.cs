using GitOps.Reconciler.Secrets.Failures;
using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;

namespace GitOps.Reconciler.Tests.Secrets;

public sealed class AgeTests
{
    private static readonly AgeIdentity Key = SecretVectors.TestIdentity;

    [Fact]
    public void Identity_TestKey_HasTheRecipientAgeKeygenPrinted() =>
        Assert.Equal(SecretVectors.TestRecipient, Key.Recipient.ToString());

    [Theory]
    [InlineData("hello.age")]
    [InlineData("hello.armored.age")]
    public void Decrypt_FileMadeByAgeTool_GivesThePlaintext(string vector)
    {
        var plain = AgeDecryptor.Decrypt(SecretVectors.Read(vector), [Key]);

        Assert.Equal("hello from the age reference tool\n", Encoding.UTF8.GetString(plain));
    }

    [Fact]
    public void Decrypt_MultiChunkFileMadeByAgeTool_GivesThePlaintext()
    {
        var plain = AgeDecryptor.Decrypt(SecretVectors.Read("big.age"), [Key]);

        Assert.Equal(140000, plain.Length);
        Assert.Equal("b094b1c1a40be42c9915078fa20085f7f3b801f339acffbc6292ce0bdc000ea5", Convert.ToHexStringLower(SHA256.HashData(plain)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(65536, false)]
    [InlineData(65537, true)]
    [InlineData(3 * 65536, false)]
    public void EncryptDecrypt_AnySize_RoundTrips(int size, bool armor)
    {
        var plain = RandomNumberGenerator.GetBytes(size);

        var file = AgeEncryptor.Encrypt(plain, [Key.Recipient], armor);

        Assert.Equal(plain, AgeDecryptor.Decrypt(file, [Key]));
    }

    [Fact]
    public void Decrypt_SecondOfTwoRecipients_Works()
    {
        var other = AgeIdentity.Generate();
        var file = AgeEncryptor.Encrypt("x"u8, [other.Recipient, Key.Recipient]);

        Assert.Equal("x"u8.ToArray(), AgeDecryptor.Decrypt(file, [Key]));
        Assert.Equal("x"u8.ToArray(), AgeDecryptor.Decrypt(file, [other]));
    }

    [Fact]
    public void Decrypt_NotARecipient_RefusedAsNotRecipient()
    {
        var file = AgeEncryptor.Encrypt("x"u8, [AgeIdentity.Generate().Recipient]);

        var error = Assert.Throws<SecretException>(() => AgeDecryptor.Decrypt(file, [Key]));

        Assert.Equal(SecretFailure.NotRecipient, error.Reason);
        Assert.Contains(SecretVectors.TestRecipient, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_NoIdentity_RefusedAsKeyMissing()
    {
        var error = Assert.Throws<SecretException>(() => AgeDecryptor.Decrypt(SecretVectors.Read("hello.age"), []));

        Assert.Equal(SecretFailure.KeyMissing, error.Reason);
    }

    [Fact]
    public void Decrypt_PayloadByteFlipped_RefusedAsTampered()
    {
        var file = SecretVectors.Read("hello.age");
        file[^5] ^= 0x01;

        var error = Assert.Throws<SecretException>(() => AgeDecryptor.Decrypt(file, [Key]));

        Assert.Equal(SecretFailure.Tampered, error.Reason);
    }

    [Fact]
    public void Decrypt_StanzaAddedToHeader_RefusedAsTampered()
    {
        // Anyone can add a stanza for their own key, but not recompute the MAC without the file key.
        var original = SecretVectors.Read("hello.age");
        var extra = Encoding.ASCII.GetString(AgeEncryptor.Encrypt("y"u8, [AgeIdentity.Generate().Recipient]));
        var stanza = extra[(extra.IndexOf('\n', StringComparison.Ordinal) + 1)..extra.IndexOf("---", StringComparison.Ordinal)];
        var afterVersion = Array.IndexOf(original, (byte)'\n') + 1;
        byte[] forged = [.. original.AsSpan(0, afterVersion), .. Encoding.ASCII.GetBytes(stanza), .. original.AsSpan(afterVersion)];

        var error = Assert.Throws<SecretException>(() => AgeDecryptor.Decrypt(forged, [Key]));

        Assert.Equal(SecretFailure.Tampered, error.Reason);
    }

    [Theory]
    [InlineData(10, SecretFailure.Truncated)]
    [InlineData(100, SecretFailure.Truncated)]
    [InlineData(180, SecretFailure.Truncated)]
    // Inside the last chunk a cut cannot be told from a change: the chunk no longer authenticates.
    [InlineData(200, SecretFailure.Tampered)]
    public void Decrypt_Truncated_Refused(int keep, SecretFailure expected)
    {
        var file = SecretVectors.Read("hello.age")[..keep];

        var error = Assert.Throws<SecretException>(() => AgeDecryptor.Decrypt(file, [Key]));

        Assert.Equal(expected, error.Reason);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_CutAtChunkBoundary_RefusedAsTruncated()
    {
        var file = AgeEncryptor.Encrypt(new byte[2 * 65536], [Key.Recipient]);

        var error = Assert.Throws<SecretException>(() => AgeDecryptor.Decrypt(file[..^(65536 + 16)], [Key]));

        Assert.Equal(SecretFailure.Truncated, error.Reason);
    }

    [Fact]
    public void Decrypt_ArmorWithoutEndLine_RefusedAsTruncated()
    {
        var text = Encoding.ASCII.GetString(SecretVectors.Read("hello.armored.age"));
        var cut = Encoding.ASCII.GetBytes(text[..text.IndexOf(AgeArmor.End, StringComparison.Ordinal)]);

        Assert.Equal(SecretFailure.Truncated, Assert.Throws<SecretException>(() => AgeDecryptor.Decrypt(cut, [Key])).Reason);
    }

    [Fact]
    public void Recipient_ParseBadChecksum_Refused()
    {
        var bad = SecretVectors.TestRecipient[..^1] + (SecretVectors.TestRecipient[^1] == 'q' ? 'p' : 'q');

        Assert.Throws<SecretException>(() => AgeRecipient.Parse(bad));
    }

    [Fact]
    public void Identity_GenerateAndParseKeyFile_RoundTrips()
    {
        var identity = AgeIdentity.Generate();

        var parsed = AgeIdentity.ParseFile(identity.ToKeyFile(DateTimeOffset.UnixEpoch));

        Assert.Equal(identity.Recipient, Assert.Single(parsed).Recipient);
        Assert.DoesNotContain("AGE-SECRET", identity.ToString(), StringComparison.Ordinal);
    }
}
