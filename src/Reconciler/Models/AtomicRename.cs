using System.Runtime.InteropServices;

namespace GitOps.Reconciler.Models;

/// <summary>
/// rename(2) itself: replaces a symlink to a directory in one step. File.Move refuses a source that resolves to a
/// directory, and Directory.Move an existing destination, so neither can switch a model link atomically.
/// </summary>
internal static class AtomicRename
{
    public static void Replace(string source, string destination)
    {
        if (NativeRename(Utf8(source), Utf8(destination)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"renaming {source} to {destination} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    // NUL-terminated UTF-8 byte arrays marshal without unsafe code.
    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text + "\0");

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int NativeRename(byte[] source, byte[] destination);
}
