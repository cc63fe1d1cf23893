using System.Text.RegularExpressions;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Desired;

public static partial class ModelDefinitionLoader
{
    /// <summary>Either <c>files:</c> (one or more) or the single-file form <c>source:</c> + <c>sha256:</c>.</summary>
    private static ValueList<ModelFile>? ReadFiles(RepoDirectory repo, YamlMap map, string what, bool insecure)
    {
        var list = map["files"];
        if (list is not null && !YamlMap.IsNull(list))
        {
            foreach (var single in new[] { "source", "sha256" }.Where(map.Has))
            {
                map.Diagnostics.Error(map.KeyPosition(single), $"'{single}' cannot be combined with 'files' in {what}; give each file its own source and sha256 under 'files'");
            }
            return ReadFileList(repo, map, list, what, insecure);
        }
        var source = ReadSource(repo, map, what, insecure);
        var sha256 = ReadSha256(map, what);
        if (source is null || sha256 is null)
        {
            return null;
        }
        var name = source.Kind == ModelSourceKind.Repository
            ? Path.GetFileName(source.Location)
            : Path.GetFileName(new Uri(source.Location.Replace("s3://", "http://", StringComparison.Ordinal)).AbsolutePath);
        if (!IsFileName(name))
        {
            map.Diagnostics.Error(map["source"]!.At(map.File), $"source '{source}' does not end in a file name; use 'files' with an explicit name");
            return null;
        }
        return ValueList.Of(new ModelFile(name, source, sha256));
    }

    private static ValueList<ModelFile>? ReadFileList(RepoDirectory repo, YamlMap map, YamlNode list, string what, bool insecure)
    {
        if (list is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            map.Diagnostics.Error(list.At(map.File), $"expected a non-empty list of {{name, source, sha256}} for 'files', found {list.Describe()}");
            return null;
        }
        var errorsBefore = map.Diagnostics.ErrorCount;
        var files = new List<ModelFile>();
        foreach (var item in sequence.Children)
        {
            var entry = YamlMap.Of(item, map.File, map.Diagnostics, what + " file");
            if (entry is null)
            {
                continue;
            }
            entry.RejectUnknownKeys("a model file", FileKeys);
            var name = entry.String("name", required: true, "a model file");
            if (name is not null && !IsFileName(name))
            {
                map.Diagnostics.Error(entry["name"]!.At(map.File), $"invalid file name '{name}'; expected a plain file name without '/' (not '.' or '..')");
                name = null;
            }
            else if (name is not null && files.Any(f => f.Name == name))
            {
                map.Diagnostics.Error(entry["name"]!.At(map.File), $"file '{name}' is listed twice in {what}");
                name = null;
            }
            var source = ReadSource(repo, entry, what, insecure);
            var sha256 = ReadSha256(entry, what);
            if (name is not null && source is not null && sha256 is not null)
            {
                files.Add(new ModelFile(name, source, sha256));
            }
        }
        return map.Diagnostics.ErrorCount > errorsBefore ? null : ValueList.Sorted(files, Comparer<ModelFile>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));
    }

    private static bool IsFileName(string name) =>
        name.Length is > 0 and <= 255 && name is not ("." or "..") && !name.Contains('/', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal);

    private static ModelSource? ReadSource(RepoDirectory repo, YamlMap map, string what, bool insecure)
    {
        var source = map.String("source", required: true, what);
        if (source is null)
        {
            return null;
        }
        var at = map["source"]!.At(map.File);
        if (source.Contains("://", StringComparison.Ordinal))
        {
            return ReadUrl(map, source, at, insecure);
        }
        if (source.StartsWith('/'))
        {
            map.Diagnostics.Error(at, $"source '{source}' is an absolute path; expected an https://, http:// (with insecure: true) or s3:// URL, or a file path relative to the repository root");
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
        return new ModelSource(ModelSourceKind.Repository, relative);
    }

    private static ModelSource? ReadUrl(YamlMap map, string source, Diagnostics.SourcePosition at, bool insecure)
    {
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            map.Diagnostics.Error(at, $"invalid source '{source}'; expected an https://, http:// (with insecure: true) or s3:// URL, or a file path relative to the repository root");
            return null;
        }
        if (uri.UserInfo.Length > 0)
        {
            // Credentials in the repo would be readable by everyone who can read it: they come from files on the host.
            map.Diagnostics.Error(at, "source must not carry credentials in the URL; use auth.bearerTokenFile, or models.s3.credentialsFile in agent.yaml");
            return null;
        }
        switch (uri.Scheme)
        {
            case "https":
                return new ModelSource(ModelSourceKind.Http, source);
            case "http" when insecure:
                return new ModelSource(ModelSourceKind.Http, source);
            case "http":
                map.Diagnostics.Error(at, $"source '{source}' is plain http: the download, and the token of auth.bearerTokenFile if one is set, would cross the network unprotected; use https://, or set insecure: true to accept that (the sha256 still checks every byte)");
                return null;
            case "s3" when uri.AbsolutePath.Length > 1 && !source.EndsWith('/'):
                return new ModelSource(ModelSourceKind.S3, source);
            case "s3":
                map.Diagnostics.Error(at, $"invalid source '{source}'; expected s3://bucket/key naming one object");
                return null;
            default:
                map.Diagnostics.Error(at, $"unsupported source scheme '{uri.Scheme}' in '{source}'; expected https://, http:// (with insecure: true), s3:// or a file path relative to the repository root");
                return null;
        }
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

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Pattern();
}
