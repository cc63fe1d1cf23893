using System.Diagnostics;

namespace GitOps.Daemon.Install;

/// <summary>Reads what the host (or staging root) already has, for <see cref="InstallPlanner"/>.</summary>
public static class InstallFactsReader
{
    public static InstallFacts Read(string root)
    {
        var onHost = root == "/";
        // What sd_booted(3) checks: this directory exists only when systemd is the running init.
        var systemd = onHost && Directory.Exists("/run/systemd/system");
        return new InstallFacts(
            UserExists: HasEntry(root, "etc/passwd", InstallPlanner.User),
            DockerGroupExists: HasEntry(root, "etc/group", "docker"),
            ExistingConfig: ReadIfExists(HostPath.Under(root, InstallPlanner.ConfigPath)),
            ExistingUnit: ReadIfExists(HostPath.Under(root, InstallPlanner.UnitPath)),
            ExistingDirectories: new[] { InstallPlanner.ConfigDirectory, InstallPlanner.StateDirectory }
                .Where(d => Directory.Exists(HostPath.Under(root, d)))
                .ToHashSet(StringComparer.Ordinal),
            SystemdRunning: systemd,
            UnitRunning: systemd && Systemctl("is-enabled") && Systemctl("is-active"));
    }

    /// <summary>A systemctl query about the unit: exit status 0 means yes.</summary>
    private static bool Systemctl(string query)
    {
        var info = new ProcessStartInfo("systemctl", [query, "--quiet", SystemdUnit.Name]) { UseShellExecute = false };
        using var process = Process.Start(info);
        if (process is null || !process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            return false;
        }
        return process.ExitCode == 0;
    }

    private static bool HasEntry(string root, string file, string name)
    {
        var path = HostPath.Under(root, "/" + file);
        return File.Exists(path) && File.ReadLines(path).Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));
    }

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}

/// <summary>Host paths placed under a root ("/" on the host itself).</summary>
public static class HostPath
{
    public static string Under(string root, string hostPath) => root == "/" ? hostPath : Path.Join(root, hostPath);
}
