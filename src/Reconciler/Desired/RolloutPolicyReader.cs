using System.Globalization;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Desired;

/// <summary>Reads inventory.yaml's <c>rollout:</c>; every bad value is an error at its own line and column.</summary>
public static class RolloutPolicyReader
{
    public const string Expected = "a percentage of the wave's hosts from 1% to 100%, or a number of hosts of at least 1";

    /// <returns>The policy, or null when there is none or it has errors (reported to the map's diagnostics).</returns>
    public static RolloutPolicy? Read(YamlMap root, IReadOnlySet<string> groups)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(groups);
        if (!root.Has("rollout"))
        {
            return null;
        }
        var map = YamlMap.Of(root["rollout"], root.File, root.Diagnostics, "'rollout'");
        if (map is null)
        {
            return null;
        }
        var errors = root.Diagnostics.ErrorCount;
        map.RejectUnknownKeys("'rollout'", ["waves", "soak", "maxUnavailable"]);
        var waves = Waves(map, groups);
        var soak = Soak(map);
        var maxUnavailable = ReadMaxUnavailable(map);
        if (root.Diagnostics.ErrorCount > errors || waves is null)
        {
            return null;
        }
        return new RolloutPolicy(waves, soak, maxUnavailable, root.KeyPosition("rollout"));
    }

    private static ValueList<string>? Waves(YamlMap map, IReadOnlySet<string> groups)
    {
        var listed = map.StringList("waves");
        if (listed is null)
        {
            if (!map.Has("waves"))
            {
                map.Diagnostics.Error(map.Position, "missing required key 'waves' in 'rollout'; expected a list of inventory groups, earliest first");
            }
            return null;
        }
        if (listed.Count == 0)
        {
            map.Diagnostics.Error(map.KeyPosition("waves"), "'rollout.waves' is empty; expected a list of inventory groups, earliest first");
            return null;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (wave, at) in listed)
        {
            if (!groups.Contains(wave))
            {
                map.Diagnostics.Error(at, $"unknown group '{wave}' in 'rollout.waves'; a wave is a group defined under 'groups:'");
            }
            else if (!seen.Add(wave))
            {
                map.Diagnostics.Error(at, $"group '{wave}' is listed twice in 'rollout.waves'; a group is one wave");
            }
        }
        return ValueList.From(listed.Select(w => w.Value));
    }

    private static TimeSpan Soak(YamlMap map)
    {
        var text = map.String("soak");
        if (text is null)
        {
            return TimeSpan.Zero;
        }
        if (!DurationParser.TryParse(text.Trim(), out var soak) || soak < TimeSpan.Zero)
        {
            map.Diagnostics.Error(map["soak"]!.At(map.File), $"invalid soak '{text}' in 'rollout'; expected {DurationParser.Expected}");
            return TimeSpan.Zero;
        }
        return soak;
    }

    private static MaxUnavailable ReadMaxUnavailable(YamlMap map)
    {
        var text = map.String("maxUnavailable");
        if (text is null)
        {
            return MaxUnavailable.All;
        }
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        var number = percent ? trimmed[..^1] : trimmed;
        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && (!percent || value <= 100))
        {
            return new MaxUnavailable(value, percent);
        }
        map.Diagnostics.Error(map["maxUnavailable"]!.At(map.File), $"invalid maxUnavailable '{text}' in 'rollout'; expected {Expected}");
        return MaxUnavailable.All;
    }
}
