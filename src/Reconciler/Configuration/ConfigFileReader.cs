using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Configuration;

/// <summary>Flattens agent.yaml into leaf settings with positions, reporting unknown keys and wrong shapes.</summary>
internal static class ConfigFileReader
{
    public static ConfigFileContent Read(string text, string file, DiagnosticBag diagnostics)
    {
        var content = new ConfigFileContent(new Dictionary<string, ConfigSetting>(StringComparer.Ordinal));
        var root = YamlFile.Parse(text, file, diagnostics);
        if (root is not null)
        {
            Walk(root, "", file, diagnostics, content);
        }
        return content;
    }

    private static void Walk(YamlNode node, string section, string file, DiagnosticBag diagnostics, ConfigFileContent content)
    {
        var into = content.Settings;
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
            if (path == "policy")
            {
                content.HasPolicySection = true;
            }
            if (path == AgentConfigKeys.PolicyAllow)
            {
                content.PolicyAllow = PolicyAllowReader.Read(value, file, diagnostics);
                continue;
            }
            if (!AgentConfigKeys.IsLeaf(path))
            {
                Walk(value, path, file, diagnostics, content);
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
            if (AgentConfigKeys.IsList(path) && value is YamlSequenceNode list && list.Children.All(c => c is YamlScalarNode))
            {
                // A list is the same setting as its comma-separated form (which the environment variable takes).
                into[path] = new ConfigSetting(path, string.Join(',', list.Children.Select(c => ((YamlScalarNode)c).Value)), value.At(file).ToString());
                continue;
            }
            diagnostics.Error(value.At(file), $"expected a single value for '{path}', found {value.Describe()}");
        }
    }
}
