using GitOps.Reconciler.Common;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary><c>build:</c> as a context path or a mapping; the context must stay inside the repository.</summary>
internal sealed partial class ServiceReader
{
    private BuildSpec? ReadBuild()
    {
        var node = _map["build"]!;
        YamlMap? map = null;
        string? context;
        YamlNode contextNode = node;
        if (node is YamlScalarNode)
        {
            context = _context.Scalar(node, $"'build' of {What}");
        }
        else
        {
            map = _context.Map(node, $"'build' of {What}");
            if (map is null)
            {
                return null;
            }
            ComposeKeys.Check(map, $"'build' of {What}", ComposeKeys.Build, ComposeKeys.BuildUnsupported, "build.");
            context = map.String("context") ?? ".";
            contextNode = map["context"] ?? node;
        }
        if (context is null)
        {
            return null;
        }
        if (context.Contains("://", StringComparison.Ordinal) || context.StartsWith("git@", StringComparison.Ordinal))
        {
            _context.Error(contextNode, $"unsupported: a remote build context ('{context}'); the context must be a directory of the repository");
            return null;
        }
        var repo = _context.Source.Repo;
        var relative = repo.ResolveInside(_context.Source.StackDirectory, context, _context.At(contextNode), _context.Diagnostics, "build context");
        if (relative is null)
        {
            return null;
        }
        var directory = repo.FullPath(relative);
        if (!Directory.Exists(directory))
        {
            _context.Error(contextNode, $"build context '{context}' of {What} is not a directory of the repository");
            return null;
        }
        var dockerfile = map?.String("dockerfile") ?? BuildSpec.DefaultDockerfile;
        var dockerfilePath = Path.GetFullPath(Path.Combine(directory, dockerfile));
        if (!dockerfilePath.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            _context.Error(map?["dockerfile"] ?? contextNode, $"dockerfile '{dockerfile}' of {What} is outside its build context; the engine only sees the context");
            return null;
        }
        if (!File.Exists(dockerfilePath))
        {
            _context.Error(map?["dockerfile"] ?? contextNode, $"{What} has no dockerfile '{dockerfile}' in its build context '{context}'");
            return null;
        }
        var args = map is null ? ValueMap<string>.Empty : ReadBuildArgs(map);
        var target = map?.String("target");
        var labels = map is null ? ValueMap<string>.Empty : KeyValueReader.ReadMap(_context, map["labels"], $"'build.labels' of {What}");
        return new BuildSpec(
            directory,
            Path.GetRelativePath(directory, dockerfilePath).Replace('\\', '/'),
            args,
            target,
            labels,
            map?.String("network"),
            map is null ? ValueList<string>.Empty : ValueList.From(map.StringList("extra_hosts")?.Select(h => h.Value.Replace('=', ':')) ?? []),
            map is null ? ValueList<string>.Empty : ValueList.From(map.StringList("cache_from")?.Select(c => c.Value) ?? []),
            BuildContextHash.Of(directory, dockerfile, args, target, labels));
    }

    /// <summary>A bare arg name takes its value from the stack variables, or is left out, as with environment.</summary>
    private ValueMap<string> ReadBuildArgs(YamlMap map)
    {
        var node = map["args"];
        if (node is null || YamlMap.IsNull(node))
        {
            return ValueMap<string>.Empty;
        }
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value, _) in KeyValueReader.Read(_context, node, $"'build.args' of {What}"))
        {
            if (value is not null)
            {
                args[key] = value;
            }
            else if (_context.Source.Variables.TryGetValue(key, out var fromVariables))
            {
                args[key] = fromVariables;
            }
        }
        return ValueMap.From(args);
    }
}
