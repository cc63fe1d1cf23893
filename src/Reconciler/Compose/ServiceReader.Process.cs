using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>What runs in the container: command, entrypoint and environment (with env_file).</summary>
internal sealed partial class ServiceReader
{
    /// <summary>Variables read from a decrypted file or one marked sensitive: masked wherever the spec is shown.</summary>
    private readonly HashSet<string> _sensitiveVariables = new(StringComparer.Ordinal);

    /// <summary>
    /// A string is split like a shell would (no expansion); a list is taken as is; absent stays null (image default).
    /// An empty command (<c>''</c>, <c>[]</c>, or a variable that expands to nothing) is null too: the engine runs the
    /// image's command for an empty one, so that is what the container reads back. An empty entrypoint is kept: it
    /// does reset the image's entrypoint.
    /// </summary>
    private ValueList<string>? ReadCommand(string key)
    {
        var words = ReadWords(key);
        return key == "command" && words is { Count: 0 } ? null : words;
    }

    private ValueList<string>? ReadWords(string key)
    {
        var node = _map[key];
        if (node is null || YamlMap.IsNull(node))
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } text })
        {
            var words = ShellWords.Split(text, out var error);
            if (words is null)
            {
                _context.Error(node, $"cannot split '{key}' of {What}: {error}");
                return null;
            }
            return ValueList.From(words);
        }
        var items = _map.StringList(key);
        return items is null ? null : ValueList.From(items.Select(i => i.Value));
    }

    /// <summary>env_file entries in order, then <c>environment:</c> on top; a bare name takes the stack variable or is left out.</summary>
    private ValueMap<string> ReadEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_map["env_file"] is { } envFile && !YamlMap.IsNull(envFile))
        {
            foreach (var (key, value) in ReadEnvFiles(envFile))
            {
                environment[key] = value;
            }
        }
        if (_map["environment"] is { } node && !YamlMap.IsNull(node))
        {
            foreach (var (key, value, _) in KeyValueReader.Read(_context, node, $"'environment' of {What}"))
            {
                if (value is not null)
                {
                    environment[key] = value;
                }
                else if (_context.Source.Variables.TryGetValue(key, out var fromVariables))
                {
                    environment[key] = fromVariables;
                }
            }
        }
        // A decrypted variable interpolated into a value makes that value a secret, whatever the variable's name.
        var secrets = _context.Source.SecretVariables
            .Select(name => _context.Source.Variables.GetValueOrDefault(name, ""))
            .Where(value => value.Length > 0)
            .ToList();
        foreach (var (key, value) in environment.Where(kv => secrets.Exists(s => kv.Value.Contains(s, StringComparison.Ordinal))))
        {
            _sensitiveVariables.Add(key);
        }
        return ValueMap.From(environment);
    }

    private IEnumerable<(string Key, string Value)> ReadEnvFiles(YamlNode node)
    {
        var items = _context.Items(node, $"'env_file' of {What}", allowScalar: true) ?? [];
        foreach (var item in items)
        {
            var (path, required) = ReadEnvFileEntry(item);
            if (path is null)
            {
                continue;
            }
            foreach (var entry in ReadEnvFile(path, required, _context.At(item)))
            {
                yield return entry;
            }
        }
    }

    private (string? Path, bool Required) ReadEnvFileEntry(YamlNode item)
    {
        if (item is YamlScalarNode)
        {
            return (_context.Scalar(item, "an env_file"), true);
        }
        var map = _context.Map(item, $"an env_file of {What}");
        if (map is null)
        {
            return (null, false);
        }
        ComposeKeys.Check(map, $"an env_file of {What}", ComposeKeys.EnvFile, ComposeKeys.EnvFileUnsupported, "env_file.");
        return (map.String("path", required: true, what: "an env_file entry"), map.Bool("required") ?? true);
    }

    private IEnumerable<(string Key, string Value)> ReadEnvFile(string path, bool required, SourcePosition at)
    {
        var repo = _context.Source.Repo;
        var relative = repo.ResolveInside(_context.Source.StackDirectory, path, at, _context.Diagnostics, "env_file");
        if (relative is null || (!required && repo.Kind(relative) == RepoEntryKind.Missing))
        {
            yield break;
        }
        var bytes = repo.ReadBytes(relative, at, _context.Diagnostics);
        if (bytes is null)
        {
            yield break;
        }
        if (Secrets.SecretFile.IsEncrypted(bytes, relative))
        {
            // Decrypted in memory only: the values go into the container's environment and nowhere else.
            foreach (var secret in Secrets.SecretEnvironment.Read(bytes, relative, at, _context.Source.Secrets, _context.Diagnostics))
            {
                _sensitiveVariables.Add(secret.Key);
                yield return secret;
            }
            yield break;
        }
        var sensitive = _context.Source.SensitiveFiles.Contains(relative);
        var text = RepoText.Decode(bytes, relative, _context.Diagnostics);
        if (text is null)
        {
            yield break;
        }
        // An env_file's values are taken as written; only the stack's .env is interpolated (docs/repo-format.md).
        foreach (var entry in DotEnv.Parse(text, relative, _context.Diagnostics))
        {
            if (sensitive)
            {
                _sensitiveVariables.Add(entry.Key);
            }
            yield return (entry.Key, entry.Value);
        }
    }
}
