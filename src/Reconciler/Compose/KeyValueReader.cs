using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Reads compose's "list or map" shape (environment, labels, sysctls, …): <c>- KEY=value</c> / <c>- KEY</c>
/// items, or <c>KEY: value</c> / <c>KEY:</c> entries. A value of null means the key was written bare.
/// </summary>
internal static class KeyValueReader
{
    public static List<(string Key, string? Value, SourcePosition Position)> Read(ComposeContext context, YamlNode node, string what, bool allowList = true, char separator = '=')
    {
        var result = new List<(string, string?, SourcePosition)>();
        if (node is YamlSequenceNode seq && allowList)
        {
            foreach (var item in seq.Children)
            {
                var text = context.Scalar(item, "an item of " + what);
                if (text is null)
                {
                    continue;
                }
                var at = text.IndexOf(separator, StringComparison.Ordinal);
                result.Add(at < 0 ? (text, null, context.At(item)) : (text[..at], text[(at + 1)..], context.At(item)));
            }
            return result;
        }
        var map = context.Map(node, what);
        if (map is null)
        {
            return result;
        }
        foreach (var (key, keyNode, value) in map.Entries)
        {
            if (value is YamlScalarNode scalar)
            {
                result.Add((key, YamlMap.IsNull(scalar) ? null : scalar.Value ?? "", context.At(keyNode)));
            }
            else
            {
                context.Error(value, $"expected a string for '{key}' in {what}, found {value.Describe()}");
            }
        }
        return result;
    }

    /// <summary>The entries as a map where a bare key has an empty value; later entries win.</summary>
    public static ValueMap<string> ReadMap(ComposeContext context, YamlNode? node, string what, bool allowList = true)
    {
        if (node is null || YamlMap.IsNull(node))
        {
            return ValueMap<string>.Empty;
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value, _) in Read(context, node, what, allowList))
        {
            map[key] = value ?? "";
        }
        return ValueMap.From(map);
    }
}
