using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Configuration;

/// <summary>Flattens agent.yaml into leaf settings with positions, reporting unknown keys and wrong shapes.</summary>
internal static class ConfigFileReader
{
    public static Dictionary<string, ConfigSetting> Read(string text, string file, DiagnosticBag diagnostics)
    {
        var settings = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal);
        var root = YamlFile.Parse(text, file, diagnostics);
        if (root is not null)
        {
            Walk(root, "", file, diagnostics, settings);
        }
        return settings;
    }

    private static void Walk(YamlNode node, string section, string file, DiagnosticBag diagnostics, Dictionary<string, ConfigSetting> into)
    {
        var what = section.Length == 0 ? "the agent configuration" : $"'{section}'";
        var map = YamlMap.Of(node, file, diagnostics, what);
        if (map is null)
        {
            return;
        }
        var allowed = AgentConfigKeys.ChildrenOf(section);
        map.RejectUnknownKeys(what, allowed);
        foreach (var (key, _, value) in map.Entries)
        {
            if (!allowed.Contains(key))
            {
                continue;
            }
            var path = section.Length == 0 ? key : section + "." + key;
            if (!AgentConfigKeys.IsLeaf(path))
            {
                Walk(value, path, file, diagnostics, into);
                continue;
            }
            if (YamlMap.IsNull(value))
            {
                continue;
            }
            if (value is YamlScalarNode { Value: { } text })
            {
                into[path] = new ConfigSetting(path, text, value.At(file).ToString());
                continue;
            }
            diagnostics.Error(value.At(file), $"expected a single value for '{path}', found {value.Describe()}");
        }
    }
}
