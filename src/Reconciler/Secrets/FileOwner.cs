using System.Runtime.InteropServices;

namespace GitOps.Reconciler.Secrets;

/// <summary>
/// File ownership, which .NET does not expose: statx(2) (its layout is the same on every architecture, unlike stat)
/// and geteuid(2).
/// </summary>
internal static class FileOwner
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8;
    private const int StatxSize = 256;
    private const int UidOffset = 20;

    public static uint? Of(string path)
    {
        var buffer = new byte[StatxSize];
        return Statx(AtFdCwd, path, 0, StatxUid, buffer) == 0 ? BitConverter.ToUInt32(buffer, UidOffset) : null;
    }

    public static uint CurrentUser() => GetEffectiveUserId();

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole project.
#pragma warning disable SYSLIB1054, CA5392
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
#pragma warning restore SYSLIB1054, CA5392
}
