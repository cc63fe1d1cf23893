using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Repository;

/// <summary>
/// A checked-out config repository. Every file the loaders read goes through here, so that
/// paths escaping the repository (../, absolute paths, symlinks pointing outside), oversized
/// files and file-system errors (a symlink loop, a directory where a file belongs, no permission)
/// are refused in one place, each as an error at the position that referenced the path.
/// </summary>
public sealed class RepoDirectory
{
    public const long DefaultMaxFileBytes = 1024 * 1024;

    public RepoDirectory(string root, long maxFileBytes = DefaultMaxFileBytes)
    {
        Root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        MaxFileBytes = maxFileBytes;
    }

    public string Root { get; }

    public long MaxFileBytes { get; }

    /// <summary>Absolute path of a repo-relative path (no checks).</summary>
    public string FullPath(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath));

    /// <summary>Repo-relative, forward-slashed form of an absolute path inside the repo.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    /// <summary>
    /// Resolves <paramref name="reference"/> written in a file at <paramref name="at"/> relative to
    /// <paramref name="baseDirectory"/> (repo-relative). Returns the repo-relative path, or null after
    /// reporting why the reference is not allowed.
    /// </summary>
    public string? ResolveInside(string baseDirectory, string reference, SourcePosition at, DiagnosticBag diagnostics, string what)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (Path.IsPathRooted(reference))
        {
            diagnostics.Error(at, $"{what} '{reference}' is an absolute path; expected a path relative to '{baseDirectory}' inside the repository");
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(Root, baseDirectory, reference));
        if (!IsInside(full))
        {
            diagnostics.Error(at, $"{what} '{reference}' points outside the repository");
            return null;
        }
        if (!TryRealPath(full, out var real, out var problem))
        {
            diagnostics.Error(at, $"{what} '{reference}' cannot be read: {problem}");
            return null;
        }
        if (real is not null && !IsInside(real))
        {
            diagnostics.Error(at, $"{what} '{reference}' is a symlink pointing outside the repository");
            return null;
        }
        return Relative(full);
    }

    /// <summary>True when the path is a readable file (not a directory, not a broken link).</summary>
    public bool Exists(string relativePath) => Kind(relativePath) == RepoEntryKind.File;

    public bool DirectoryExists(string relativePath) => Kind(relativePath) == RepoEntryKind.Directory;

    /// <summary>What the path is, with symlinks followed; never throws.</summary>
    public RepoEntryKind Kind(string relativePath) => KindOf(FullPath(relativePath), out _);

    /// <summary>Reads a repo file as text, refusing files over the size limit, behind an escaping symlink, or not UTF-8.</summary>
    public string? ReadText(string relativePath, SourcePosition referencedAt, DiagnosticBag diagnostics)
    {
        var bytes = ReadBytes(relativePath, referencedAt, diagnostics);
        return bytes is null ? null : RepoText.Decode(bytes, relativePath, diagnostics);
    }

    /// <summary>Reads a repo file as bytes (secrets, configs), with the same checks as <see cref="ReadText"/> except the encoding.</summary>
    public byte[]? ReadBytes(string relativePath, SourcePosition referencedAt, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var info = CheckedFile(relativePath, referencedAt, diagnostics);
        if (info is null)
        {
            return null;
        }
        try
        {
            return File.ReadAllBytes(info.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(referencedAt, $"cannot read '{relativePath}': {Problem(ex)}");
            return null;
        }
    }

    private FileInfo? CheckedFile(string relativePath, SourcePosition referencedAt, DiagnosticBag diagnostics)
    {
        var full = FullPath(relativePath);
        if (!IsInside(full))
        {
            diagnostics.Error(referencedAt, $"'{relativePath}' points outside the repository");
            return null;
        }
        if (!TryRealPath(full, out var real, out var problem))
        {
            diagnostics.Error(referencedAt, $"cannot read '{relativePath}': {problem}");
            return null;
        }
        if (real is not null && !IsInside(real))
        {
            diagnostics.Error(referencedAt, $"'{relativePath}' points outside the repository");
            return null;
        }
        switch (KindOf(full, out problem))
        {
            case RepoEntryKind.Missing:
                diagnostics.Error(referencedAt, $"file '{relativePath}' does not exist");
                return null;
            case RepoEntryKind.Directory:
                diagnostics.Error(referencedAt, $"'{relativePath}' is a directory; expected a file");
                return null;
            case RepoEntryKind.Unreadable:
                diagnostics.Error(referencedAt, $"cannot read '{relativePath}': {problem}");
                return null;
        }
        var info = new FileInfo(real ?? full);
        if (info.Length > MaxFileBytes)
        {
            diagnostics.Error(referencedAt, $"file '{relativePath}' is {info.Length} bytes; files larger than {MaxFileBytes} bytes are refused");
            return null;
        }
        return info;
    }

    /// <summary>
    /// The entries of a directory, ordered by name; empty when it is not a readable directory. An entry that cannot be
    /// told a file or a directory (a symlink loop, a dangling link) is listed as <see cref="RepoEntryKind.Unreadable"/>
    /// with the reason, so the caller can report it at its own path.
    /// </summary>
    public IReadOnlyList<RepoEntry> Entries(string relativeDirectory)
    {
        var full = FullPath(relativeDirectory);
        if (KindOf(full, out _) != RepoEntryKind.Directory)
        {
            return [];
        }
        try
        {
            return [.. Directory.EnumerateFileSystemEntries(full)
                .Select(path =>
                {
                    var kind = KindOf(path, out var problem);
                    return new RepoEntry(Relative(path), Path.GetFileName(path), kind, problem);
                })
                .OrderBy(e => e.Name, StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [new RepoEntry(relativeDirectory, Path.GetFileName(full), RepoEntryKind.Unreadable, Problem(ex))];
        }
    }

    private bool IsInside(string fullPath) =>
        fullPath == Root || fullPath.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The exception's reason without the path it names: the finding already names the repo-relative path, and machine paths do not belong in reports.</summary>
    private static string Problem(Exception ex)
    {
        if (ex is UnauthorizedAccessException)
        {
            return "permission denied";
        }
        var message = ex.Message;
        var cut = message.IndexOf(" in '", StringComparison.Ordinal) is var i and >= 0 ? i : message.IndexOf(" '/", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ', ':').ToLowerInvariant() is { Length: > 0 } reason ? reason : "an I/O error";
    }

    private static RepoEntryKind KindOf(string fullPath, out string? problem)
    {
        problem = null;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.LinkTarget is not null)
            {
                // Follows the whole chain; throws on a loop, returns a missing target for a dangling link.
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists)
                {
                    problem = $"symlink to '{info.LinkTarget}', which does not exist";
                    return RepoEntryKind.Unreadable;
                }
            }
            if (Directory.Exists(fullPath))
            {
                return RepoEntryKind.Directory;
            }
            if (File.Exists(fullPath))
            {
                return RepoEntryKind.File;
            }
            return RepoEntryKind.Missing;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = Problem(ex);
            return RepoEntryKind.Unreadable;
        }
    }

    /// <summary>
    /// The path with every symlink along it resolved (null when it does not exist), or false with the reason when a
    /// link along it cannot be resolved.
    /// </summary>
    private static bool TryRealPath(string fullPath, out string? real, out string? problem)
    {
        real = null;
        problem = null;
        try
        {
            if (!File.Exists(fullPath) && !Directory.Exists(fullPath) && new FileInfo(fullPath).LinkTarget is null)
            {
                return true;
            }
            var parts = fullPath.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var current = Path.DirectorySeparatorChar.ToString();
            foreach (var part in parts)
            {
                current = Path.Combine(current, part);
                var info = new FileInfo(current);
                if (info.LinkTarget is not null)
                {
                    var target = info.ResolveLinkTarget(returnFinalTarget: true);
                    current = target?.FullName ?? current;
                }
            }
            real = current;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = Problem(ex);
            return false;
        }
    }
}
