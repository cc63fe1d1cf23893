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

    private static readonly string[] Keys =
    [
        "targets", "schedule", "image", "command", "environment", "env_file", "volumes", "user", "working_dir", "network", "pull",
        "exec", "timeout", "suspended", "timeZone", "randomDelay", "concurrency", "missed", "startingDeadline", "retries", "retryDelay",
        "runOn",
    ];

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
        var exec = ReadExec(map);
        var image = exec is null ? map.String("image", required: true, what) : map.String("image");
        if (exec is not null && image is not null)
        {
            diagnostics.Error(map.KeyPosition("image"), $"{what} has both 'exec' and 'image'; an exec task runs in the service's running container");
        }
        var command = ReadCommand(map);
        if (exec is not null && command is null)
        {
            diagnostics.Error(map.KeyPosition("exec"), $"{what} runs 'exec' without a 'command'");
        }
        var environment = ReadEnvironment(map);
        var envFile = ReadEnvFile(repo, map);
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var mounts = ReadVolumes(map, name, positions);
        if (map.Has("user"))
        {
            positions[SettingPositions.Key(name, "user")] = map.KeyPosition("user");
        }
        var timeout = ReadTimeout(map);
        var suspended = map.Bool("suspended") ?? false;
        var pull = map.String("pull");
        if (pull is not null && pull is not ("missing" or "always"))
        {
            diagnostics.Error(map["pull"]!.At(file), $"invalid pull '{pull}'; expected missing or always");
        }
        var timeZone = map.String("timeZone");
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            diagnostics.Error(map["timeZone"]!.At(file), $"unknown time zone '{timeZone}'; expected an IANA name such as Europe/Berlin or UTC");
        }
        var concurrency = ReadEnum(map, "concurrency", TaskConcurrency.Forbid);
        var missed = ReadEnum(map, "missed", TaskMissedPolicy.RunOnce);
        var retries = map.Integer("retries", 0, 100) ?? 0;
        var runOn = ReadRunOn(map, inventory);
        if (diagnostics.ErrorCount > errorsBefore || crons is null || (image is null && exec is null))
        {
            return null;
        }
        var imageAt = map["image"]?.At(file) ?? map.KeyPosition("exec");
        return new TaskDefinition(name, file, targets, new TextAt(image ?? "", imageAt), command, environment)
        {
            EnvFileValues = envFile,
            Positions = new SettingPositions(SourcePosition.StartOf(file), ValueMap.From(positions)),
            ExecAt = exec is null ? null : map["exec"]!.At(file),
            NetworkAt = map["network"]?.At(file),
            RunOnAt = runOn is null ? null : map.KeyPosition("runOn"),
            Settings = new TaskSpec(name, schedule!.Trim(), crons, Image: "", Command: null, ValueMap<string>.Empty, mounts, timeout, suspended)
            {
                Exec = exec,
                User = map.String("user"),
                WorkingDir = map.String("working_dir"),
                Network = map.String("network"),
                PullAlways = pull == "always",
                // Hosts of a fleet may keep different local zones; one definition for them all needs one zone.
                TimeZone = timeZone ?? (runOn is null ? null : "UTC"),
                RandomDelay = ReadDuration(map, "randomDelay", allowZero: true) ?? TimeSpan.Zero,
                Concurrency = concurrency,
                Missed = missed,
                StartingDeadline = ReadDuration(map, "startingDeadline", allowZero: false),
                Retries = (int)retries,
                RetryDelay = ReadDuration(map, "retryDelay", allowZero: true) ?? TimeSpan.FromSeconds(30),
                RunOn = runOn,
            },
        };
    }

    private static TaskExecTarget? ReadExec(YamlMap map)
    {
        if (map["exec"] is null)
        {
            return null;
        }
        var exec = YamlMap.Of(map["exec"], map.File, map.Diagnostics, "'exec' (a mapping with stack and service)");
        if (exec is null)
        {
            return null;
        }
        exec.RejectUnknownKeys("'exec'", ["stack", "service"]);
        var stack = exec.String("stack", required: true, "'exec'");
        var service = exec.String("service", required: true, "'exec'");
        return stack is null || service is null ? null : new TaskExecTarget(stack, service);
    }

    /// <summary><c>runOn: {oneOf: G}</c>: G is a group of the inventory or <c>fleet</c>; null when the task runs per host.</summary>
    private static string? ReadRunOn(YamlMap map, Inventory? inventory)
    {
        if (map["runOn"] is null)
        {
            return null;
        }
        var runOn = YamlMap.Of(map["runOn"], map.File, map.Diagnostics, "'runOn' (a mapping with oneOf)");
        if (runOn is null)
        {
            return null;
        }
        runOn.RejectUnknownKeys("'runOn'", ["oneOf"]);
        var group = runOn.String("oneOf", required: true, "'runOn'");
        if (group is null)
        {
            return null;
        }
        if (group != FleetTaskGroup.Fleet && inventory is not null && !inventory.Groups.ContainsKey(group))
        {
            map.Diagnostics.Error(runOn["oneOf"]!.At(map.File),
                $"unknown group '{group}' in 'runOn.oneOf'; expected a group defined in inventory.yaml or {FleetTaskGroup.Fleet} for every host");
            return null;
        }
        return group;
    }

    private static List<(string, string)> ReadEnvFile(RepoDirectory repo, YamlMap map)
    {
        var result = new List<(string, string)>();
        foreach (var (reference, at) in map.StringList("env_file", allowScalar: true) ?? [])
        {
            var path = repo.ResolveInside(Path.GetDirectoryName(map.File) ?? "", reference, at, map.Diagnostics, "env_file");
            if (path is null)
            {
                continue;
            }
            if (!repo.Exists(path))
            {
                map.Diagnostics.Error(at, $"env_file '{reference}' does not exist");
                continue;
            }
            if (repo.ReadText(path, at, map.Diagnostics) is not { } text)
            {
                continue;
            }
            foreach (var entry in DotEnv.Parse(text, path, map.Diagnostics))
            {
                result.Add((entry.Key, entry.Value));
            }
        }
        return result;
    }

    private static T ReadEnum<T>(YamlMap map, string key, T fallback) where T : struct, Enum
    {
        var text = map.String(key);
        if (text is null)
        {
            return fallback;
        }
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _))
        {
            return value;
        }
        var names = string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
        map.Diagnostics.Error(map[key]!.At(map.File), $"invalid {key} '{text}'; expected one of {names}");
        return fallback;
    }

    private static TimeSpan? ReadDuration(YamlMap map, string key, bool allowZero)
    {
        var text = map.String(key);
        if (text is null)
        {
            return null;
        }
        if (!DurationParser.TryParse(text, out var value) || value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            map.Diagnostics.Error(map[key]!.At(map.File), $"invalid {key} '{text}'; expected {DurationParser.Expected}{(allowZero ? "" : ", greater than zero")}");
            return null;
        }
        return value;
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

    private static ValueList<MountSpec> ReadVolumes(YamlMap map, string task, Dictionary<string, SourcePosition> positions)
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
            positions[SettingPositions.MountKey(task, mount.Target)] = at;
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
