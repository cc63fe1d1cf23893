using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Secrets;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConfigHashKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hashkey-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string KeyPath => Path.Combine(_dir, "state", ConfigHashKey.FileName);

    [Fact]
    public void LoadOrCreate_NoFile_CreatesItWithMode0600()
    {
        ConfigHashKey.LoadOrCreate(KeyPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        Assert.Equal(64, File.ReadAllText(KeyPath).Trim().Length);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(KeyPath)!));
    }

    [Fact]
    public void LoadOrCreate_FileExists_ReusesTheSameKey()
    {
        var first = ConfigHashKey.LoadOrCreate(KeyPath);
        var written = File.ReadAllText(KeyPath);

        var second = ConfigHashKey.LoadOrCreate(KeyPath);

        Assert.Equal(written, File.ReadAllText(KeyPath));
        Assert.Equal(first.Sign("spec"u8), second.Sign("spec"u8));
    }

    [Fact]
    public void LoadOrCreate_TwoHosts_DifferentKeys()
    {
        var other = Path.Combine(_dir, "other", ConfigHashKey.FileName);

        Assert.NotEqual(ConfigHashKey.LoadOrCreate(KeyPath).Sign("spec"u8), ConfigHashKey.LoadOrCreate(other).Sign("spec"u8));
    }

    [Fact]
    public void LoadOrCreate_ReadableByOthers_RefusedWithoutShowingTheKey()
    {
        ConfigHashKey.LoadOrCreate(KeyPath);
        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = Assert.Throws<InvalidOperationException>(() => ConfigHashKey.LoadOrCreate(KeyPath));

        Assert.Contains("must be 0600", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText(KeyPath).Trim(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOrCreate_NotAKey_Refused()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        File.WriteAllText(KeyPath, "hunter2");
        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Throws<InvalidOperationException>(() => ConfigHashKey.LoadOrCreate(KeyPath));
    }

    [Fact]
    public void ToString_DoesNotShowTheKey()
    {
        var key = ConfigHashKey.LoadOrCreate(KeyPath);

        Assert.DoesNotContain(File.ReadAllText(KeyPath).Trim(), key.ToString(), StringComparison.Ordinal);
    }
}
