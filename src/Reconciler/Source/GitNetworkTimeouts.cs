using System.Runtime.InteropServices;
using LibGit2Sharp;

namespace GitOps.Reconciler.Source;

/// <summary>
/// libgit2's own socket timeouts for git:// and http(s)://. Without them a server that accepts the connection and
/// then says nothing holds the poll for ever, and the host silently stops following the repo. LibGit2Sharp 0.32
/// does not expose them, so they are set through <c>git_libgit2_opts</c> of the native library it loaded. They are
/// process-wide. (ssh:// goes through OpenSSH, which gets ConnectTimeout and ServerAlive options instead.)
/// </summary>
public static class GitNetworkTimeouts
{
    /// <summary>How long connecting may take.</summary>
    public static readonly TimeSpan DefaultConnect = TimeSpan.FromSeconds(30);

    /// <summary>How long the server may stay silent in the middle of an operation (per read, not in total).</summary>
    public static readonly TimeSpan DefaultRead = TimeSpan.FromSeconds(60);

    // git_libgit2_opt_t of the bundled libgit2; checked by reading them back in the tests.
    private const int SetServerConnectTimeout = 39;
    private const int GetServerConnectTimeout = 40;
    private const int SetServerTimeout = 41;
    private const int GetServerTimeout = 42;

    private static readonly Lock Gate = new();
    private static bool _defaultsApplied;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetOption(int option, int value);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetOption(int option, out int value);

    /// <summary>Sets the defaults once per process; false when the native library does not offer the options.</summary>
    public static bool EnsureDefaults()
    {
        lock (Gate)
        {
            if (!_defaultsApplied)
            {
                _defaultsApplied = Set(DefaultConnect, DefaultRead);
            }
            return _defaultsApplied;
        }
    }

    /// <summary>Sets both timeouts; false when they could not be set.</summary>
    public static bool Set(TimeSpan connect, TimeSpan read)
    {
        if (Export() is not { } export)
        {
            return false;
        }
        var set = Marshal.GetDelegateForFunctionPointer<SetOption>(export);
        return set(SetServerConnectTimeout, Milliseconds(connect)) == 0 && set(SetServerTimeout, Milliseconds(read)) == 0;
    }

    /// <summary>The timeouts in force, as libgit2 reports them; null when it cannot say.</summary>
    public static (TimeSpan Connect, TimeSpan Read)? Current()
    {
        if (Export() is not { } export)
        {
            return null;
        }
        var get = Marshal.GetDelegateForFunctionPointer<GetOption>(export);
        return get(GetServerConnectTimeout, out var connect) == 0 && get(GetServerTimeout, out var read) == 0
            ? (TimeSpan.FromMilliseconds(connect), TimeSpan.FromMilliseconds(read))
            : null;
    }

    private static int Milliseconds(TimeSpan value) => (int)Math.Clamp(value.TotalMilliseconds, 1, int.MaxValue);

    /// <summary>git_libgit2_opts of the library LibGit2Sharp uses; its file name follows the libgit2 build in the version.</summary>
    private static IntPtr? Export()
    {
        // "0.32.0+libgit2-5853918.<sha> (...)": the native library is named after the part up to the first dot.
        var version = GlobalSettings.Version.InformationalVersion;
        var start = version.IndexOf("libgit2-", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        var end = version.IndexOf('.', start);
        var name = end < 0 ? version[start..] : version[start..end];
        var assembly = typeof(GlobalSettings).Assembly;
        if (!NativeLibrary.TryLoad(name, assembly, DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories, out var handle)
            && !NativeLibrary.TryLoad(name, assembly, null, out handle))
        {
            return null;
        }
        return NativeLibrary.TryGetExport(handle, "git_libgit2_opts", out var export) ? export : null;
    }
}
