namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Where decrypted secret and config files are written to be bind-mounted: a directory that must be on a memory
/// filesystem (tmpfs or ramfs), so plaintext never reaches a disk. On any other filesystem the write is refused and
/// the service fails with the reason; nothing falls back to a disk-backed directory.
/// </summary>
public static class RuntimeSecretsDirectory
{
    public const string DefaultPath = "/run/gitops-agent/secrets";

    private static readonly string[] MemoryFileSystems = ["tmpfs", "ramfs"];

    /// <summary>The filesystem type of the mount holding <paramref name="path"/>, from /proc/self/mountinfo; null when unknown.</summary>
    public static string? FileSystemOf(string path, IEnumerable<string> mountInfoLines)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(mountInfoLines);
        string? best = null;
        string? type = null;
        foreach (var line in mountInfoLines)
        {
            // "id parent major:minor root mountpoint options [optional...] - fstype source superoptions"
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || separator < 0 || separator + 1 >= fields.Length)
            {
                continue;
            }
            var mountPoint = Unescape(fields[4]);
            var inside = mountPoint == "/" || path == mountPoint || path.StartsWith(mountPoint + "/", StringComparison.Ordinal);
            // The last of equally long mount points wins: a later mount over the same point hides the earlier one.
            if (inside && (best is null || mountPoint.Length >= best.Length))
            {
                best = mountPoint;
                type = fields[separator + 1];
            }
        }
        return type;
    }

    /// <summary>Creates <paramref name="directory"/> (mode 0700) after checking that it is on a memory filesystem.</summary>
    /// <exception cref="IOException">The directory is not on tmpfs, or its filesystem cannot be told.</exception>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static void Ensure(string root, string directory) =>
        Ensure(root, directory, File.Exists("/proc/self/mountinfo") ? File.ReadLines("/proc/self/mountinfo") : []);

    /// <param name="mountInfo">The lines of /proc/self/mountinfo.</param>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static void Ensure(string root, string directory, IEnumerable<string> mountInfo)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.GetFullPath(root);
        var type = FileSystemOf(full, mountInfo);
        if (type is null || !MemoryFileSystems.Contains(type))
        {
            throw new IOException(
                $"secrets directory '{full}' is on {type ?? "an unknown filesystem"}, not tmpfs: decrypted secrets are never written to disk; mount a tmpfs there or set secrets.runtimeDirectory to a directory on one");
        }
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Unescape(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}
