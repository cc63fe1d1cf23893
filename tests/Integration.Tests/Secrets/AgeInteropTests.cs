using System.Security.Cryptography;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Secrets.Age;

namespace GitOps.Integration.Tests.Secrets;

/// <summary>Our age files against the reference age tool (Debian's <c>age</c>), both ways, binary and armored.</summary>
public sealed class AgeInteropTests
{
    public AgeInteropTests()
    {
        Tools.Require("age", "age");
        Tools.Require("age-keygen", "age");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(100, true)]
    [InlineData(65536, false)]
    [InlineData(200_000, true)]
    public void Encrypt_OurFile_ReferenceAgeDecrypts(int size, bool armor)
    {
        using var dir = new TempDirectory("age");
        var identity = AgeIdentity.Generate();
        File.WriteAllText(dir.Combine("key.txt"), identity.ToKeyFile(DateTimeOffset.UnixEpoch));
        var plain = RandomNumberGenerator.GetBytes(size);
        File.WriteAllBytes(dir.Combine("file.age"), AgeEncryptor.Encrypt(plain, [identity.Recipient], armor));

        ProcessRunner.Run("age", ["-d", "-i", dir.Combine("key.txt"), "-o", dir.Combine("out"), dir.Combine("file.age")]);

        // age opens its output lazily: an empty plaintext leaves no file, and a zero exit is the check.
        Assert.Equal(plain, File.Exists(dir.Combine("out")) ? File.ReadAllBytes(dir.Combine("out")) : []);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(65536, true)]
    [InlineData(150_000, false)]
    public void Decrypt_ReferenceAgeFile_GivesThePlaintext(int size, bool armor)
    {
        using var dir = new TempDirectory("age");
        ProcessRunner.Run("age-keygen", ["-o", dir.Combine("key.txt")]);
        var recipient = ProcessRunner.Run("age-keygen", ["-y", dir.Combine("key.txt")]).Output.Trim();
        var plain = RandomNumberGenerator.GetBytes(size);
        File.WriteAllBytes(dir.Combine("plain"), plain);
        ProcessRunner.Run("age", [.. armor ? new[] { "-a" } : [], "-r", recipient, "-o", dir.Combine("file.age"), dir.Combine("plain")]);
        var identities = AgeIdentity.ParseFile(File.ReadAllText(dir.Combine("key.txt")));

        Assert.Equal(recipient, identities[0].Recipient.ToString());
        Assert.Equal(plain, AgeDecryptor.Decrypt(File.ReadAllBytes(dir.Combine("file.age")), identities));
    }

    [Fact]
    public void Encrypt_ToTwoRecipients_ReferenceAgeDecryptsWithEither()
    {
        using var dir = new TempDirectory("age");
        var first = AgeIdentity.Generate();
        var second = AgeIdentity.Generate();
        File.WriteAllText(dir.Combine("second.txt"), second.ToKeyFile(DateTimeOffset.UnixEpoch));
        File.WriteAllBytes(dir.Combine("file.age"), AgeEncryptor.Encrypt("two"u8, [first.Recipient, second.Recipient], armor: true));

        var result = ProcessRunner.Run("age", ["-d", "-i", dir.Combine("second.txt"), dir.Combine("file.age")]);

        Assert.Equal("two", result.Output);
    }
}
