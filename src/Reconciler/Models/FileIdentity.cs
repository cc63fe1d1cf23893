using System.Runtime.InteropServices;

namespace GitOps.Reconciler.Models;

/// <summary>
/// A file's inode number and change time (ctime), which .NET does not expose: statx(2), whose layout is the same on
/// every architecture. The ctime moves on every write and cannot be set back by hand, unlike the modification time.
/// </summary>
internal static class FileIdentity
{
    private const int AtFdCwd = -100;
    private const uint StatxCtime = 0x80;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;
    private const int InodeOffset = 32;
    private const int CtimeOffset = 96;

    /// <returns>The inode and the ctime in nanoseconds since the epoch; zeros where statx is not available.</returns>
    public static (long Inode, long ChangedNanoseconds) Of(string path)
    {
        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxIno | StatxCtime, buffer) != 0)
            {
                return (0, 0);
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return (0, 0);
        }
        var inode = BitConverter.ToInt64(buffer, InodeOffset);
        var changed = (BitConverter.ToInt64(buffer, CtimeOffset) * 1_000_000_000L) + BitConverter.ToUInt32(buffer, CtimeOffset + 8);
        return (inode, changed);
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole project.
#pragma warning disable SYSLIB1054, CA5392
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054, CA5392
}
