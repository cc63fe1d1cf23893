using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Repository;

/// <summary>
/// A checked-out config repository. Every file the loaders read goes through here, so that
/// paths escaping the repository (../, absolute paths, symlinks pointing outside) and oversized
/// files are refused in one place.
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
        var real = RealPath(full);
        if (real is not null && !IsInside(real))
        {
            diagnostics.Error(at, $"{what} '{reference}' is a symlink pointing outside the repository");
            return null;
        }
        return Relative(full);
    }

    public bool Exists(string relativePath) => File.Exists(FullPath(relativePath));

    public bool DirectoryExists(string relativePath) => Directory.Exists(FullPath(relativePath));

    /// <summary>Reads a repo file as text, refusing files over the size limit or behind an escaping symlink.</summary>
    public string? ReadText(string relativePath, SourcePosition referencedAt, DiagnosticBag diagnostics)
    {
        var info = CheckedFile(relativePath, referencedAt, diagnostics);
        return info is null ? null : File.ReadAllText(info.FullName);
    }

    /// <summary>Reads a repo file as bytes (secrets, configs), with the same checks as <see cref="ReadText"/>.</summary>
    public byte[]? ReadBytes(string relativePath, SourcePosition referencedAt, DiagnosticBag diagnostics)
    {
        var info = CheckedFile(relativePath, referencedAt, diagnostics);
        return info is null ? null : File.ReadAllBytes(info.FullName);
    }

    private FileInfo? CheckedFile(string relativePath, SourcePosition referencedAt, DiagnosticBag diagnostics)
    {
        var full = FullPath(relativePath);
        var real = RealPath(full);
        if (!IsInside(full) || (real is not null && !IsInside(real)))
        {
            diagnostics.Error(referencedAt, $"'{relativePath}' points outside the repository");
            return null;
        }
        var info = new FileInfo(real ?? full);
        if (!info.Exists)
        {
            diagnostics.Error(referencedAt, $"file '{relativePath}' does not exist");
            return null;
        }
        if (info.Length > MaxFileBytes)
        {
            diagnostics.Error(referencedAt, $"file '{relativePath}' is {info.Length} bytes; files larger than {MaxFileBytes} bytes are refused");
            return null;
        }
        return info;
    }

    /// <summary>Repo-relative paths of the files directly in a directory matching a pattern, ordered.</summary>
    public IReadOnlyList<string> Files(string relativeDirectory, string pattern) =>
        DirectoryExists(relativeDirectory)
            ? [.. Directory.GetFiles(FullPath(relativeDirectory), pattern).Select(Relative).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Repo-relative paths of the sub-directories of a directory, ordered.</summary>
    public IReadOnlyList<string> Directories(string relativeDirectory) =>
        DirectoryExists(relativeDirectory)
            ? [.. Directory.GetDirectories(FullPath(relativeDirectory)).Select(Relative).Order(StringComparer.Ordinal)]
            : [];

    private bool IsInside(string fullPath) =>
        fullPath == Root || fullPath.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symlink along it resolved, or null when it does not exist.</summary>
    private static string? RealPath(string fullPath)
    {
        if (!File.Exists(fullPath) && !Directory.Exists(fullPath))
        {
            return null;
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
        return current;
    }
}
