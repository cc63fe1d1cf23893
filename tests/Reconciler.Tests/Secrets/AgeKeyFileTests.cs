using GitOps.Reconciler.Secrets.Failures;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Secrets;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AgeKeyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agekey-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CreateIfMissing_NewKey_Mode0400AndLoadable()
    {
        var path = Path.Combine(_dir, "age.key");

        var identity = AgeKeyFile.CreateIfMissing(path, DateTimeOffset.UnixEpoch, out var created);

        Assert.True(created);
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(path));
        Assert.Equal(identity.Recipient, Assert.Single(AgeKeyFile.Load(path)).Recipient);
    }

    [Fact]
    public void CreateIfMissing_KeyExists_KeepsIt()
    {
        var path = Path.Combine(_dir, "age.key");
        var first = AgeKeyFile.CreateIfMissing(path, DateTimeOffset.UnixEpoch, out _);

        var second = AgeKeyFile.CreateIfMissing(path, DateTimeOffset.UnixEpoch, out var created);

        Assert.False(created);
        Assert.Equal(first.Recipient, second.Recipient);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead)]
    public void Load_ReadableByOthers_RefusedWithTheReason(UnixFileMode mode)
    {
        var path = Path.Combine(_dir, "age.key");
        AgeKeyFile.CreateIfMissing(path, DateTimeOffset.UnixEpoch, out _);
        File.SetUnixFileMode(path, mode);

        var error = Assert.Throws<SecretException>(() => AgeKeyFile.Load(path));

        Assert.Equal(SecretFailure.KeyRejected, error.Reason);
        Assert.Contains("must be 0400", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AGE-SECRET-KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OwnedByAnotherAccount_Refused()
    {
        var path = Path.Combine(_dir, "age.key");
        AgeKeyFile.CreateIfMissing(path, DateTimeOffset.UnixEpoch, out _);

        var error = Assert.Throws<SecretException>(() => AgeKeyFile.Load(path, expectedOwner: 4242));

        Assert.Equal(SecretFailure.KeyRejected, error.Reason);
        Assert.Contains("not by the agent's account (uid 4242)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Missing_RefusedAsKeyMissing() =>
        Assert.Equal(SecretFailure.KeyMissing, Assert.Throws<SecretException>(() => AgeKeyFile.Load(Path.Combine(_dir, "none"))).Reason);
}
