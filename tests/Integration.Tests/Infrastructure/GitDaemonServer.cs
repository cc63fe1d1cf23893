using System.Diagnostics;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary><c>git daemon</c> serving a base directory over git:// on a free loopback port.</summary>
public sealed class GitDaemonServer : IDisposable
{
    private Process _process = null!;
    private string _log = "";
    private bool _disposed;

    public GitDaemonServer(string basePath, int? port = null)
    {
        Tools.Require("git", "git");
        // A free port can be taken before the daemon binds it; then it exits and another port is tried.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Port = port ?? Network.FreePort();
            _log = Path.Combine(Path.GetTempPath(), $"git-daemon-{Port}-{Guid.NewGuid():N}.log");
            _process = ProcessRunner.Start("git", ["daemon", "--export-all", "--reuseaddr", "--verbose", $"--base-path={basePath}",
                "--listen=127.0.0.1", $"--port={Port}", basePath], _log);
            var process = _process;
            if (Network.WaitForPort(Port, TimeSpan.FromSeconds(20), () => process.HasExited, ReadLog))
            {
                return;
            }
            _process.Dispose();
        }
        throw new InvalidOperationException("git daemon did not start: " + ReadLog());
    }

    private string ReadLog() => File.Exists(_log) ? File.ReadAllText(_log) : "";

    public int Port { get; private set; }

    public string UrlFor(string relativePath) => $"git://127.0.0.1:{Port}/{relativePath}";

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        File.Delete(_log);
    }
}
