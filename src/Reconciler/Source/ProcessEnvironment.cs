using System.Runtime.InteropServices;

namespace GitOps.Reconciler.Source;

/// <summary>
/// Sets a variable in the native process environment for the duration of a scope. libgit2 reads
/// GIT_SSH_COMMAND with getenv(), which does not see <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// on Unix, so the variable goes through libc. Scopes are serialised process-wide because the
/// environment is process-wide; the key and known_hosts paths therefore never need to be written
/// into the repository's .git/config (core.sshCommand).
/// </summary>
internal static class ProcessEnvironment
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<IDisposable> SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        if (SetEnv(name, value, 1) != 0)
        {
            Gate.Release();
            throw new InvalidOperationException($"setenv({name}) failed");
        }
        return new Scope(name);
    }

    private static int SetEnv(string name, string value, int overwrite) => NativeSetEnv(Utf8(name), Utf8(value), overwrite);

    private static int UnsetEnv(string name) => NativeUnsetEnv(Utf8(name));

    // NUL-terminated UTF-8 byte arrays marshal without unsafe code.
    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text + "\0");

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int NativeSetEnv(byte[] name, byte[] value, int overwrite);

    [DllImport("libc", EntryPoint = "unsetenv")]
    private static extern int NativeUnsetEnv(byte[] name);

    private sealed class Scope(string name) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _ = UnsetEnv(name);
                Gate.Release();
            }
        }
    }
}
