using GitOps.Reconciler.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Yaml;

public static class YamlPosition
{
    /// <summary>The node's start as a 1-based file position.</summary>
    public static SourcePosition At(this YamlNode node, string file) =>
        new(file, (int)Math.Max(1, node.Start.Line), (int)Math.Max(1, node.Start.Column));

    /// <summary>A short name for the node's YAML type, for "expected X, found Y" messages.</summary>
    public static string Describe(this YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when YamlMap.IsNull(s) => "null",
        YamlScalarNode { Value: null or "" } => "an empty string",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unknown node",
    };
}
