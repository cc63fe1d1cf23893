using System.Diagnostics;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>
/// An OpenSSH server on a free loopback port with its own config, a generated host key and a generated
/// ed25519 user key; <see cref="KnownHostsFile"/> pins the host key so strict checking can stay on.
/// </summary>
public sealed class SshServer : IDisposable
{
    private readonly TempDirectory _dir = new("sshd");
    private Process _process = null!;
    private readonly string _log;

    public SshServer()
    {
        Tools.Require("sshd", "openssh-server");
        Tools.Require("ssh", "openssh-client");
        Directory.CreateDirectory("/run/sshd");
        var hostKey = _dir.Combine("host_ed25519");
        ProcessRunner.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", hostKey]);
        UserKeyFile = _dir.Combine("user_ed25519");
        ProcessRunner.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "agent@test", "-f", UserKeyFile]);
        File.Copy(UserKeyFile + ".pub", _dir.Combine("authorized_keys"));
        KnownHostsFile = _dir.Combine("known_hosts");
        _log = _dir.Combine("sshd.log");
        // A free port can be taken before sshd binds it; then sshd exits and another port is tried.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Port = Network.FreePort();
            File.WriteAllText(KnownHostsFile, $"[127.0.0.1]:{Port} {File.ReadAllText(hostKey + ".pub").Trim()}\n");
            var config = WriteConfig(hostKey);
            _process = ProcessRunner.Start(Tools.Find("sshd")!, ["-f", config, "-D", "-e"], _log);
            var process = _process;
            if (Network.WaitForPort(Port, TimeSpan.FromSeconds(20), () => process.HasExited, () => Log))
            {
                return;
            }
            _process.Dispose();
        }
        throw new InvalidOperationException("sshd did not start: " + Log);
    }

    private string WriteConfig(string hostKey)
    {
        var config = _dir.Combine("sshd_config");
        File.WriteAllText(config, string.Join('\n',
            $"Port {Port}",
            "ListenAddress 127.0.0.1",
            $"HostKey {hostKey}",
            $"AuthorizedKeysFile {_dir.Combine("authorized_keys")}",
            $"PidFile {_dir.Combine("sshd.pid")}",
            "StrictModes no",
            "UsePAM no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "LogLevel VERBOSE",
            ""));
        return config;
    }

    public int Port { get; private set; }

    public string UserKeyFile { get; }

    public string KnownHostsFile { get; }

    public string User => Environment.UserName;

    public string UrlFor(string absolutePath) => $"ssh://{User}@127.0.0.1:{Port}{absolutePath}";

    public string Log => File.Exists(_log) ? File.ReadAllText(_log) : "";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        _dir.Dispose();
    }
}
