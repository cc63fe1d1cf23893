using LibGit2Sharp;

namespace GitOps.Reconciler.Source;

/// <summary>
/// Per-commit trees extracted from the object database into <c>revisions/&lt;sha&gt;</c>. Each is written to a
/// temporary directory and renamed into place, so a directory under its final name is always complete and
/// exactly the commit's content (there is no work tree to become dirty). Only the newest few are kept.
/// </summary>
public sealed class RevisionDirectory(string root, TimeProvider time, int keep = RevisionDirectory.DefaultKeep)
{
    public const int DefaultKeep = 3;
    private const string PartialMarker = ".partial-";

    public string Root { get; } = root;

    public string Materialize(string commit, Tree tree, CancellationToken cancellationToken)
    {
        var target = Path.Combine(Root, commit);
        if (!Directory.Exists(target))
        {
            Directory.CreateDirectory(Root);
            var partial = Path.Combine(Root, commit + PartialMarker + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                Write(tree, partial, cancellationToken);
                Directory.Move(partial, target);
            }
            catch
            {
                TryDelete(partial);
                if (!Directory.Exists(target))
                {
                    throw;
                }
            }
        }
        // Marks it as the most recently used, which is what pruning keeps.
        Directory.SetLastWriteTimeUtc(target, time.GetUtcNow().UtcDateTime);
        Prune(except: target);
        return target;
    }

    /// <summary>
    /// Marks the commit's tree as the most recently used, as <see cref="Materialize"/> does, when it is still on disk
    /// under <paramref name="directory"/>; false when it is gone. A directory under its final name is always complete
    /// (it is renamed into place whole), so finding it is what <see cref="Materialize"/> checks too.
    /// </summary>
    public bool TryReuse(string commit, string directory)
    {
        var target = Path.Combine(Root, commit);
        if (!string.Equals(Path.GetFullPath(directory), Path.GetFullPath(target), StringComparison.Ordinal) || !Directory.Exists(target))
        {
            return false;
        }
        try
        {
            Directory.SetLastWriteTimeUtc(target, time.GetUtcNow().UtcDateTime);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Removed meanwhile, or not ours to touch: materialized again.
            return false;
        }
    }

    private static void Write(Tree tree, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, entry.Name);
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree:
                    Write((Tree)entry.Target, path, cancellationToken);
                    break;
                case TreeEntryTargetType.Blob when entry.Mode == Mode.SymbolicLink:
                    File.CreateSymbolicLink(path, ((Blob)entry.Target).GetContentText());
                    break;
                case TreeEntryTargetType.Blob:
                    using (var content = ((Blob)entry.Target).GetContentStream())
                    using (var file = File.Create(path))
                    {
                        content.CopyTo(file);
                    }
                    if (entry.Mode == Mode.ExecutableFile && !OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                    }
                    break;
                default:
                    // A submodule (gitlink): its content is not part of this repository.
                    Directory.CreateDirectory(path);
                    break;
            }
        }
    }

    private void Prune(string except)
    {
        var directories = new DirectoryInfo(Root).GetDirectories();
        var stale = directories
            .Where(d => d.FullName != except && !d.Name.Contains(PartialMarker, StringComparison.Ordinal))
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .Skip(Math.Max(0, keep - 1))
            .Concat(directories.Where(d => d.Name.Contains(PartialMarker, StringComparison.Ordinal) && d.LastWriteTimeUtc < time.GetUtcNow().UtcDateTime.AddHours(-1)));
        foreach (var directory in stale)
        {
            TryDelete(directory.FullName);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a directory still in use is removed on a later prune.
        }
    }
}
