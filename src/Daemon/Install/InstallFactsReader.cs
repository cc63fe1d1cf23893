using GitOps.Reconciler.Common;

namespace GitOps.Daemon.Install;

/// <summary>Reads what the host (or staging root) already has, for <see cref="InstallPlanner"/>.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class InstallFactsReader
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(30);

    public static async Task<InstallFacts> ReadAsync(InstallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = request.Root;
        var onHost = root == "/";
        // What sd_booted(3) checks: this directory exists only when systemd is the running init.
        var systemd = onHost && Directory.Exists("/run/systemd/system");
        var config = ReadIfExists(HostPath.Under(root, InstallPlanner.ConfigPath));
        var settings = InstallSettings.Of(request, config);
        var directories = new[] { InstallPlanner.ConfigDirectory, settings.StateDirectory }
            .Where(d => Directory.Exists(HostPath.Under(root, d)))
            .ToHashSet(StringComparer.Ordinal);
        var configFiles = directories.Contains(InstallPlanner.ConfigDirectory)
            ? Directory.GetFiles(HostPath.Under(root, InstallPlanner.ConfigDirectory))
                .Select(f => InstallPlanner.ConfigDirectory + "/" + Path.GetFileName(f))
                .ToList()
            : [];
        string[] managed = [.. directories, .. configFiles, InstallPlanner.UnitPath];
        return new InstallFacts(
            UserExists: Entry(root, "etc/passwd", InstallPlanner.User) is not null,
            DockerGroupExists: Entry(root, "etc/group", "docker") is not null,
            ExistingConfig: config,
            ExistingUnit: ReadIfExists(HostPath.Under(root, InstallPlanner.UnitPath)),
            ExistingDirectories: directories,
            SystemdRunning: systemd,
            UnitRunning: systemd && await SystemctlAsync("is-enabled", cancellationToken) && await SystemctlAsync("is-active", cancellationToken),
            UserInDockerGroup: InDockerGroup(root),
            Paths: await PathFactsAsync(root, managed.Where(p => Path.Exists(HostPath.Under(root, p))).ToList(), cancellationToken),
            ConfigFiles: configFiles,
            FileRepo: onHost && FileRepoPath(settings.RepoUrl) is { } repo
                ? new FileRepoFacts(repo, Path.Exists(repo) ? (await OwnersAsync([repo], cancellationToken))[0].Owner : null)
                : null);
    }

    /// <summary>A systemctl query about the unit: exit status 0 means yes.</summary>
    private static async Task<bool> SystemctlAsync(string query, CancellationToken cancellationToken) =>
        (await ToolProcess.RunAsync("systemctl", [query, "--quiet", SystemdUnit.Name], input: null, ToolTimeout, cancellationToken)).ExitCode == 0;

    private static async Task<IReadOnlyDictionary<string, PathFacts>> PathFactsAsync(string root, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var full = paths.Select(p => HostPath.Under(root, p)).ToList();
        var owners = await OwnersAsync(full, cancellationToken);
        return paths.Select((path, i) => KeyValuePair.Create(path, new PathFacts(File.GetUnixFileMode(full[i]), owners[i].Owner, owners[i].Group)))
            .ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>Owner and group names (numbers when the names are unknown), one stat(1) call for all paths.</summary>
    private static async Task<IReadOnlyList<(string Owner, string Group)>> OwnersAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            return [];
        }
        var result = await ToolProcess.RunAsync("stat", ["--format=%U %G", "--", .. paths], input: null, ToolTimeout, cancellationToken);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (result.ExitCode != 0 || lines.Length != paths.Count)
        {
            throw new InstallFailedException($"stat {string.Join(" ", paths)} failed ({result.ExitCode}): {result.Error.Trim()}");
        }
        return [.. lines.Select(line => line.Split(' ') is [var owner, var group] ? (owner, group) : (line, line))];
    }

    private static string? FileRepoPath(string? url)
    {
        if (url is null)
        {
            return null;
        }
        if (url.StartsWith('/'))
        {
            return url;
        }
        return url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.LocalPath : null;
    }

    /// <summary>The account is in the docker group: listed as a member, or the group is its primary one.</summary>
    private static bool InDockerGroup(string root)
    {
        if (Entry(root, "etc/group", "docker") is not { } group)
        {
            return false;
        }
        var fields = group.Split(':');
        var members = fields.Length > 3 ? fields[3].Split(',', StringSplitOptions.TrimEntries) : [];
        var user = Entry(root, "etc/passwd", InstallPlanner.User)?.Split(':');
        return members.Contains(InstallPlanner.User, StringComparer.Ordinal) || (user is { Length: > 3 } && fields.Length > 2 && user[3] == fields[2]);
    }

    private static string? Entry(string root, string file, string name)
    {
        var path = HostPath.Under(root, "/" + file);
        return File.Exists(path) ? File.ReadLines(path).FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.Ordinal)) : null;
    }

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}

/// <summary>Host paths placed under a root ("/" on the host itself).</summary>
public static class HostPath
{
    public static string Under(string root, string hostPath) => root == "/" ? hostPath : Path.Join(root, hostPath);
}
