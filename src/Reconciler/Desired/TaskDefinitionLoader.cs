using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Desired;

/// <summary>Loads and validates one <c>tasks/&lt;name&gt;.yaml</c>.</summary>
public static class TaskDefinitionLoader
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    private static readonly string[] Keys = ["targets", "schedule", "image", "command", "environment", "volumes", "timeout", "suspended"];

    /// <summary>The definition, or null when the file has errors (all reported).</summary>
    public static TaskDefinition? Load(RepoDirectory repo, string file, string name, Inventory? inventory, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var what = $"task '{name}'";
        var map = YamlMap.Of(YamlFile.Load(repo, file, diagnostics), file, diagnostics, what);
        if (map is null)
        {
            return null;
        }
        map.RejectUnknownKeys(what, Keys);
        var targets = Targets.Read(map, inventory, what);
        var schedule = map.String("schedule", required: true, what);
        var crons = schedule is null ? null : CronSchedule.ToQuartz(schedule, ValueStart(map["schedule"]!, file), diagnostics);
        var image = map.String("image", required: true, what);
        var command = ReadCommand(map);
        var environment = ReadEnvironment(map);
        var mounts = ReadVolumes(map);
        var timeout = ReadTimeout(map);
        var suspended = map.Bool("suspended") ?? false;
        if (diagnostics.ErrorCount > errorsBefore || crons is null || image is null)
        {
            return null;
        }
        return new TaskDefinition(name, file, targets, schedule!.Trim(), crons, new TextAt(image, map["image"]!.At(file)),
            command, environment, mounts, timeout, suspended);
    }

    /// <summary>Position of a scalar's first character of content (after an opening quote).</summary>
    internal static SourcePosition ValueStart(YamlNode node, string file)
    {
        var at = node.At(file);
        return node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } ? at with { Column = at.Column + 1 } : at;
    }

    private static List<TextAt>? ReadCommand(YamlMap map)
    {
        var node = map["command"];
        if (node is null || YamlMap.IsNull(node))
        {
            return null;
        }
        if (node is YamlScalarNode scalar)
        {
            var words = CommandWords.Split(scalar.Value ?? "");
            if (words is null)
            {
                map.Diagnostics.Error(node.At(map.File), "unterminated quote in 'command'");
                return null;
            }
            return [.. words.Select(w => new TextAt(w, node.At(map.File)))];
        }
        return map.StringList("command")?.Select(i => new TextAt(i.Value, i.Position)).ToList();
    }

    private static List<(string, TextAt)> ReadEnvironment(YamlMap map)
    {
        var node = map["environment"];
        var result = new List<(string, TextAt)>();
        if (node is YamlSequenceNode)
        {
            foreach (var (entry, at) in map.StringList("environment") ?? [])
            {
                var eq = entry.IndexOf('=', StringComparison.Ordinal);
                var key = eq < 0 ? entry : entry[..eq];
                if (eq < 0 || !VariableDeclarations.IsValidName(key))
                {
                    map.Diagnostics.Error(at, $"expected KEY=value in 'environment', found '{entry}'");
                    continue;
                }
                result.Add((key, new TextAt(entry[(eq + 1)..], at)));
            }
            return result;
        }
        var env = YamlMap.Of(node, map.File, map.Diagnostics, "'environment' (a mapping of NAME: value, or a list of NAME=value)");
        foreach (var (key, keyNode, value) in env?.Entries ?? [])
        {
            if (!VariableDeclarations.IsValidName(key))
            {
                map.Diagnostics.Error(keyNode.At(map.File), $"invalid environment variable name '{key}'");
            }
            else if (value is not YamlScalarNode scalar)
            {
                map.Diagnostics.Error(value.At(map.File), $"expected a string for environment variable '{key}', found {value.Describe()}");
            }
            else
            {
                result.Add((key, new TextAt(YamlMap.IsNull(scalar) ? "" : scalar.Value ?? "", value.At(map.File))));
            }
        }
        return result;
    }

    private static ValueList<MountSpec> ReadVolumes(YamlMap map)
    {
        var mounts = new List<MountSpec>();
        foreach (var (entry, at) in map.StringList("volumes") ?? [])
        {
            var mount = TaskVolume.Parse(entry, at, map.Diagnostics);
            if (mount is null)
            {
                continue;
            }
            if (mounts.Exists(m => m.Target == mount.Target))
            {
                map.Diagnostics.Error(at, $"duplicate mount target '{mount.Target}' in 'volumes'");
                continue;
            }
            mounts.Add(mount);
        }
        return ValueList.Sorted(mounts);
    }

    private static TimeSpan ReadTimeout(YamlMap map)
    {
        var text = map.String("timeout");
        if (text is null)
        {
            return DefaultTimeout;
        }
        if (!DurationParser.TryParse(text, out var timeout) || timeout <= TimeSpan.Zero)
        {
            map.Diagnostics.Error(map["timeout"]!.At(map.File), $"invalid timeout '{text}'; expected {DurationParser.Expected}, greater than zero");
            return DefaultTimeout;
        }
        return timeout;
    }
}
