using System.Diagnostics;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary><c>git daemon</c> serving a base directory over git:// on a free loopback port.</summary>
public sealed class GitDaemonServer : IDisposable
{
    private readonly Process _process;
    private readonly string _log;
    private bool _disposed;

    public GitDaemonServer(string basePath, int? port = null)
    {
        Tools.Require("git", "git");
        Port = port ?? Network.FreePort();
        _log = Path.Combine(Path.GetTempPath(), $"git-daemon-{Port}.log");
        _process = ProcessRunner.Start("git", ["daemon", "--export-all", "--reuseaddr", "--verbose", $"--base-path={basePath}",
            "--listen=127.0.0.1", $"--port={Port}", basePath], _log);
        Network.WaitForPort(Port, TimeSpan.FromSeconds(20), () => File.Exists(_log) ? File.ReadAllText(_log) : "");
    }

    public int Port { get; }

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
