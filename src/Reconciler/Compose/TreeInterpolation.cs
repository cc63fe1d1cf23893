using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Interpolates every scalar value of a freshly parsed compose document in place, before any of it is
/// interpreted, so typed readers see final values. Mapping keys are left as written, like compose does.
/// </summary>
internal static class TreeInterpolation
{
    public static void Apply(YamlNode root, IReadOnlyDictionary<string, string> variables, string file, DiagnosticBag diagnostics)
    {
        // An anchor shares one node between its uses; expanding it twice would turn "$$" into "$" and then fail.
        var visited = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        Visit(root, variables, file, diagnostics, visited);
    }

    private static void Visit(YamlNode node, IReadOnlyDictionary<string, string> variables, string file, DiagnosticBag diagnostics, HashSet<YamlNode> visited)
    {
        if (!visited.Add(node))
        {
            return;
        }
        switch (node)
        {
            case YamlScalarNode { Value: { } text } scalar when text.Contains('$', StringComparison.Ordinal):
                var result = Interpolation.Expand(text, variables);
                if (result.Error is not null)
                {
                    diagnostics.Error(scalar.At(file), result.Error);
                }
                else
                {
                    scalar.Value = result.Value;
                    // The YAML type was fixed when the file was parsed: "${EMPTY}" is a string there, so its value stays a
                    // string even when it expands to "" or "null", and is never taken for a key written without a value.
                    if (scalar.Style == ScalarStyle.Plain)
                    {
                        scalar.Style = ScalarStyle.DoubleQuoted;
                    }
                    foreach (var name in result.UnsetVariables)
                    {
                        diagnostics.Warning(scalar.At(file), $"variable '{name}' is not set; using an empty string");
                    }
                }
                break;
            case YamlMappingNode map:
                foreach (var (_, value) in map.Children)
                {
                    Visit(value, variables, file, diagnostics, visited);
                }
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    Visit(item, variables, file, diagnostics, visited);
                }
                break;
        }
    }
}
