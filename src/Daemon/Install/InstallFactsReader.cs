using GitOps.Reconciler.Common;

namespace GitOps.Daemon.Install;

/// <summary>Reads what the host (or staging root) already has, for <see cref="InstallPlanner"/>.</summary>
public static class InstallFactsReader
{
    public static async Task<InstallFacts> ReadAsync(string root, CancellationToken cancellationToken)
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
            UnitRunning: systemd && await SystemctlAsync("is-enabled", cancellationToken) && await SystemctlAsync("is-active", cancellationToken));
    }

    /// <summary>A systemctl query about the unit: exit status 0 means yes.</summary>
    private static async Task<bool> SystemctlAsync(string query, CancellationToken cancellationToken) =>
        (await ToolProcess.RunAsync("systemctl", [query, "--quiet", SystemdUnit.Name], input: null, TimeSpan.FromSeconds(30), cancellationToken)).ExitCode == 0;

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
