using System.Text.RegularExpressions;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Desired;

/// <summary>Loads and validates one <c>models/&lt;name&gt;.yaml</c>.</summary>
public static partial class ModelDefinitionLoader
{
    private static readonly string[] Keys = ["targets", "version", "source", "sha256", "path"];

    /// <summary>The definition, or null when the file has errors (all reported).</summary>
    public static ModelDefinition? Load(RepoDirectory repo, string file, string name, Inventory? inventory, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var what = $"model '{name}'";
        var map = YamlMap.Of(YamlFile.Load(repo, file, diagnostics), file, diagnostics, what);
        if (map is null)
        {
            return null;
        }
        map.RejectUnknownKeys(what, Keys);
        var targets = Targets.Read(map, inventory, what);
        var version = map.String("version", required: true, what);
        var source = ReadSource(repo, map, what);
        var sha256 = ReadSha256(map, what);
        var path = ReadPath(map, what, name);
        if (diagnostics.ErrorCount > errorsBefore)
        {
            return null;
        }
        return new ModelDefinition(new ModelSpec(name, version!, source!, sha256!, path!), file, map["path"]!.At(file), targets);
    }

    private static string? ReadSource(RepoDirectory repo, YamlMap map, string what)
    {
        var source = map.String("source", required: true, what);
        if (source is null)
        {
            return null;
        }
        var at = map["source"]!.At(map.File);
        if (source.Contains("://", StringComparison.Ordinal))
        {
            if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0)
            {
                return source;
            }
            map.Diagnostics.Error(at, $"invalid source '{source}'; expected an http:// or https:// URL or a file path relative to the repository root");
            return null;
        }
        if (source.StartsWith('/'))
        {
            map.Diagnostics.Error(at, $"source '{source}' is an absolute path; expected an http(s) URL or a file path relative to the repository root");
            return null;
        }
        var relative = repo.ResolveInside("", source, at, map.Diagnostics, "source");
        if (relative is null)
        {
            return null;
        }
        switch (repo.Kind(relative))
        {
            case RepoEntryKind.Missing:
                map.Diagnostics.Error(at, $"source file '{relative}' does not exist in the repository");
                return null;
            case RepoEntryKind.Directory:
                map.Diagnostics.Error(at, $"source '{relative}' is a directory; expected a file");
                return null;
            case RepoEntryKind.Unreadable:
                // Reading reports why the link cannot be followed.
                repo.ReadBytes(relative, at, map.Diagnostics);
                return null;
        }
        return relative;
    }

    private static string? ReadSha256(YamlMap map, string what)
    {
        var sha = map.String("sha256", required: true, what);
        if (sha is null)
        {
            return null;
        }
        if (!Sha256Pattern().IsMatch(sha))
        {
            var at = TaskDefinitionLoader.ValueStart(map["sha256"]!, map.File);
            var bad = sha.AsSpan().IndexOfAnyExcept("0123456789abcdefABCDEF");
            var found = bad >= 0
                ? $"'{sha[bad]}' at character {bad + 1} is not a hexadecimal digit"
                : $"found {sha.Length} digits";
            map.Diagnostics.Error(bad >= 0 ? at with { Column = at.Column + bad } : at, $"invalid sha256 '{sha}'; expected exactly 64 hexadecimal digits: {found}");
            return null;
        }
        return sha.ToLowerInvariant();
    }

    private static string? ReadPath(YamlMap map, string what, string name)
    {
        var path = map.String("path", required: true, what);
        if (path is null)
        {
            return null;
        }
        var at = map["path"]!.At(map.File);
        if (!path.StartsWith('/'))
        {
            map.Diagnostics.Error(at, $"path '{path}' must be an absolute directory on the host, such as /srv/models/{name}");
            return null;
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s is "." or ".."))
        {
            map.Diagnostics.Error(at, $"path '{path}' must name a directory below '/' without '.' or '..' segments");
            return null;
        }
        return "/" + string.Join('/', segments);
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Pattern();
}
