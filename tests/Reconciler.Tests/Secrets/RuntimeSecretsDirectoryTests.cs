using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Secrets;

public sealed class RuntimeSecretsDirectoryTests
{
    private static readonly string[] MountInfo =
    [
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
        "25 22 0:21 / /run rw,nosuid shared:5 - tmpfs tmpfs rw,mode=755",
        "26 25 0:22 / /run/user/1000 rw shared:6 - tmpfs tmpfs rw",
        "27 22 8:2 / /run\\040data rw - xfs /dev/sda2 rw",
        "28 22 8:3 / /srv rw - ext4 /dev/sda3 rw",
    ];

    [Theory]
    [InlineData("/run/gitops-agent/secrets", "tmpfs")]
    [InlineData("/run", "tmpfs")]
    [InlineData("/srv/secrets", "ext4")]
    [InlineData("/runaway/secrets", "ext4")]
    [InlineData("/run data/secrets", "xfs")]
    public void FileSystemOf_PathUnderMounts_LongestMountPointDecides(string path, string expected) =>
        Assert.Equal(expected, RuntimeSecretsDirectory.FileSystemOf(path, MountInfo));

    [Fact]
    public void FileSystemOf_NoMountInfo_Unknown() =>
        Assert.Null(RuntimeSecretsDirectory.FileSystemOf("/run/x", []));

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Ensure_DirectoryOnDisk_RefusedWithTheReasonAndNothingCreated()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "secrets-" + Guid.NewGuid().ToString("N"));
        string[] onDisk = ["22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw"];

        var error = Assert.Throws<IOException>(() => RuntimeSecretsDirectory.Ensure(root, Path.Combine(root, "stack", "web"), onDisk));

        Assert.Contains("not tmpfs", error.Message, StringComparison.Ordinal);
        Assert.Contains("secrets.runtimeDirectory", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root));
    }
}
