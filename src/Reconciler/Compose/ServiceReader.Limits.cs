using GitOps.Reconciler.Common;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>How much the service may use and how many copies run: deploy, scale, legacy limits, ulimits, logging.</summary>
internal sealed partial class ServiceReader
{
    /// <summary><c>scale</c> and <c>deploy.replicas</c> mean the same; both are allowed only when they agree.</summary>
    private int ReadReplicas(int? deployReplicas)
    {
        var scale = (int?)_map.Integer("scale", 0, 10_000);
        if (scale is not null && deployReplicas is not null && scale != deployReplicas)
        {
            _context.Diagnostics.Error(_map.KeyPosition("scale"), $"{What} sets 'scale: {scale}' and 'deploy.replicas: {deployReplicas}'; set only one of them");
        }
        return scale ?? deployReplicas ?? 1;
    }

    /// <summary>Legacy <c>cpus</c>/<c>mem_limit</c> and deploy limits mean the same; both are allowed only when they agree.</summary>
    private ResourceLimits ReadResources(ResourceLimits deploy, long? pids)
    {
        var cpus = ReadCpus(_map, "cpus");
        var memory = ReadSize(_map, "mem_limit");
        RejectConflict("cpus", cpus, "deploy.resources.limits.cpus", deploy.NanoCpus);
        RejectConflict("mem_limit", memory, "deploy.resources.limits.memory", deploy.MemoryBytes);
        return new ResourceLimits(deploy.NanoCpus ?? cpus, deploy.MemoryBytes ?? memory, pids);
    }

    /// <summary>
    /// <c>pids_limit</c> and <c>deploy.resources.limits.pids</c> are one engine setting; both spec fields carry the
    /// same effective value so either spelling compares equal.
    /// </summary>
    private long? ReadPidsLimit(ResourceLimits deploy)
    {
        var pids = _map.Integer("pids_limit", -1);
        RejectConflict("pids_limit", pids, "deploy.resources.limits.pids", deploy.Pids);
        return deploy.Pids ?? pids;
    }

    /// <summary><c>memswap_limit</c>: a size, or -1 for unlimited swap; it needs a memory limit to add to, as the engine says.</summary>
    private long? ReadMemswap(long? memory)
    {
        var text = _map.String("memswap_limit");
        if (text is null)
        {
            return null;
        }
        long? swap = text == "-1" ? -1 : ReadSize(_map, "memswap_limit");
        if (swap is > 0 && memory is null)
        {
            _context.Error(_map["memswap_limit"]!, $"{What} sets 'memswap_limit' without a memory limit; set mem_limit or deploy.resources.limits.memory too");
        }
        else if (swap is > 0 && swap < memory)
        {
            _context.Error(_map["memswap_limit"]!, $"'memswap_limit' of {What} is below its memory limit; it is memory plus swap, so expected at least {memory} bytes");
        }
        return swap;
    }

    /// <summary>0 is the engine's default and reads back as unset, so it is normalised to unset here.</summary>
    private int? ReadOomScoreAdj() => (int?)_map.Integer("oom_score_adj", -1000, 1000) is { } adj && adj != 0 ? adj : null;

    private void RejectConflict(string key, long? value, string deployKey, long? deployValue)
    {
        if (value is not null && deployValue is not null && value != deployValue)
        {
            _context.Diagnostics.Error(_map.KeyPosition(key), $"{What} sets '{key}' and '{deployKey}' to different values; set only one of them");
        }
    }

    private long? ReadCpus(YamlMap map, string key)
    {
        var text = map.String(key);
        if (text is null)
        {
            return null;
        }
        if (CpuParser.TryParse(text, out var nanos))
        {
            return nanos;
        }
        _context.Error(map[key]!, $"invalid value '{text}' for '{key}'; expected {CpuParser.Expected}");
        return null;
    }

    private long? ReadSize(YamlMap map, string key)
    {
        var text = map.String(key);
        if (text is null)
        {
            return null;
        }
        if (ByteSizeParser.TryParse(text, out var bytes))
        {
            return bytes;
        }
        _context.Error(map[key]!, $"invalid size '{text}' for '{key}'; expected {ByteSizeParser.Expected}");
        return null;
    }

    /// <summary><c>name: limit</c> (soft = hard) or <c>name: {soft, hard}</c>.</summary>
    private ValueList<Ulimit> ReadUlimits()
    {
        var map = _map["ulimits"] is { } node ? _context.Map(node, $"'ulimits' of {What}") : null;
        var ulimits = new List<Ulimit>();
        foreach (var (name, _, value) in map?.Entries ?? [])
        {
            if (value is YamlScalarNode { Value: { } text })
            {
                if (long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var limit))
                {
                    ulimits.Add(new Ulimit(name, limit, limit));
                }
                else
                {
                    _context.Error(value, $"invalid ulimit '{text}' for '{name}'; expected an integer or a mapping with soft and hard");
                }
                continue;
            }
            var entry = _context.Map(value, $"ulimit '{name}' of {What}");
            if (entry is null)
            {
                continue;
            }
            ComposeKeys.Check(entry, $"ulimit '{name}' of {What}", ComposeKeys.Ulimit);
            var soft = entry.String("soft", required: true, what: $"ulimit '{name}'") is not null ? entry.Integer("soft") : null;
            var hard = entry.String("hard", required: true, what: $"ulimit '{name}'") is not null ? entry.Integer("hard") : null;
            if (soft is not null && hard is not null)
            {
                if (soft > hard)
                {
                    _context.Error(value, $"ulimit '{name}' has soft {soft} above hard {hard}; expected soft <= hard");
                }
                ulimits.Add(new Ulimit(name, soft.Value, hard.Value));
            }
        }
        return ValueList.Sorted(ulimits);
    }

    /// <summary>An absent driver means the engine's configured default.</summary>
    private LoggingSpec? ReadLogging()
    {
        var map = _map["logging"] is { } node ? _context.Map(node, $"'logging' of {What}") : null;
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, $"'logging' of {What}", ComposeKeys.Logging);
        return new LoggingSpec(
            map.String("driver") ?? "",
            KeyValueReader.ReadMap(_context, map["options"], $"'logging.options' of {What}", allowList: false));
    }
}
