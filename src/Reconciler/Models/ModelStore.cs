using System.Security.Cryptography;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Models;

/// <summary>
/// The content-addressed store under the state directory: <c>models/blobs/sha256/&lt;hash&gt;</c> holds each file once
/// (across models), <c>models/versions/&lt;model&gt;/&lt;digest&gt;/</c> a version's files under their names in git (copies of
/// the blobs, so a file changed by hand there is put back from the blob without a download), and the model's path is a
/// symlink to one version directory, replaced by rename so a reader sees one whole version or the other.
/// </summary>
public sealed partial class ModelStore(string stateDirectory)
{
    public string Root { get; } = Path.Combine(stateDirectory, "models");

    public string BlobDirectory => Path.Combine(Root, "blobs", "sha256");

    public string BlobPath(string sha256) => Path.Combine(BlobDirectory, sha256);

    public string PartialPath(string sha256) => BlobPath(sha256) + ".partial";

    public string VersionsOf(string model) => Path.Combine(Root, "versions", model);

    public string VersionDirectory(string model, string digest) => Path.Combine(VersionsOf(model), digest);

    /// <summary>The blobs a version directory is made of, one "sha256 name" line each: what garbage collection keeps.</summary>
    public string ManifestPath(string model, string digest) => VersionDirectory(model, digest) + ".files";

    public bool HasBlob(string sha256) => File.Exists(BlobPath(sha256));

    /// <summary>The digest of the version the link at <paramref name="path"/> points to, when it points into this model's versions.</summary>
    public string? LinkedDigest(string model, string? linkTarget)
    {
        if (linkTarget is null)
        {
            return null;
        }
        var parent = Path.GetDirectoryName(linkTarget.TrimEnd('/'));
        return parent == VersionsOf(model) ? Path.GetFileName(linkTarget.TrimEnd('/')) : null;
    }

    /// <summary>
    /// Makes the version directory complete: missing or changed files are copied from their blobs (to a temporary name,
    /// then renamed), so this both builds a new version and heals a tampered one without downloading.
    /// </summary>
    public string EnsureVersion(ModelSpec spec)
    {
        var directory = VersionDirectory(spec.Name, spec.Digest);
        Directory.CreateDirectory(directory);
        foreach (var file in spec.Files)
        {
            var target = Path.Combine(directory, file.Name);
            if (File.Exists(target) && new FileInfo(target).Length == new FileInfo(BlobPath(file.Sha256)).Length && HashFile(target) == file.Sha256)
            {
                continue;
            }
            var temporary = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
            File.Copy(BlobPath(file.Sha256), temporary, overwrite: true);
            File.Move(temporary, target, overwrite: true);
        }
        File.WriteAllLines(ManifestPath(spec.Name, spec.Digest), spec.Files.Select(f => f.Sha256 + " " + f.Name));
        // Files that are not part of the version (added by hand) would be read by consumers too.
        foreach (var stray in Directory.EnumerateFileSystemEntries(directory).Where(e => spec.Files.All(f => f.Name != Path.GetFileName(e))))
        {
            if (Directory.Exists(stray) && !File.GetAttributes(stray).HasFlag(FileAttributes.ReparsePoint))
            {
                Directory.Delete(stray, recursive: true);
            }
            else
            {
                File.Delete(stray);
            }
        }
        return directory;
    }

    /// <summary>Points <paramref name="path"/> at <paramref name="target"/> atomically: a new link renamed over the old one.</summary>
    public static void Switch(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".link-" + Guid.NewGuid().ToString("N")[..8];
        File.CreateSymbolicLink(temporary, target);
        AtomicRename.Replace(temporary, path);
    }

    /// <summary>The link target at <paramref name="path"/>, or null when it is not a link.</summary>
    public static string? ReadLink(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget;
    }

    public static ModelPathEntry EntryAt(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return ModelPathEntry.Link;
        }
        if (Directory.Exists(path))
        {
            return ModelPathEntry.Directory;
        }
        return info.Exists ? ModelPathEntry.File : ModelPathEntry.Missing;
    }

    public static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
