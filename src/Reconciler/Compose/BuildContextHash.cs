using System.Security.Cryptography;
using System.Text;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// The content hash of a build: every file of the context (path, mode and bytes, in path order), the Dockerfile path,
/// the args, the target and the image labels. Equal hashes mean the same image, so the build can be skipped.
/// </summary>
internal static class BuildContextHash
{
    public static string Of(
        string contextDirectory, string dockerfile, IEnumerable<KeyValuePair<string, string>> args, string? target, IEnumerable<KeyValuePair<string, string>> labels)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(sha, "dockerfile", dockerfile);
        Add(sha, "target", target ?? "");
        foreach (var (key, value) in args.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Add(sha, "arg", key + "=" + value);
        }
        foreach (var (key, value) in labels.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Add(sha, "label", key + "=" + value);
        }
        var root = Path.GetFullPath(contextDirectory);
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(path => new FileInfo(path))
            .OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is { } link)
            {
                Add(sha, "link", relative + "->" + link);
            }
            else if (entry.Attributes.HasFlag(FileAttributes.Directory))
            {
                Add(sha, "dir", relative);
            }
            else
            {
                Add(sha, "file", relative + ":" + (OperatingSystem.IsWindows() ? "" : ((int)entry.UnixFileMode).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                sha.AppendData(File.ReadAllBytes(entry.FullName));
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void Add(IncrementalHash sha, string kind, string text) =>
        sha.AppendData(Encoding.UTF8.GetBytes(kind + "\0" + text + "\0"));
}
