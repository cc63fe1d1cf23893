using System.Globalization;
using GitOps.Reconciler.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Yaml;

/// <summary>
/// A mapping node read as string keys with positions, with merge keys (<c>&lt;&lt;</c>) applied:
/// explicit keys win over merged ones. Typed accessors report wrong types to the diagnostics
/// and return null, so one pass collects every error of a file.
/// </summary>
public sealed class YamlMap
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries;

    private YamlMap(YamlMappingNode node, SourcePosition position, string file, DiagnosticBag diagnostics, Dictionary<string, (YamlNode, YamlNode)> entries)
    {
        Node = node;
        Position = position;
        File = file;
        Diagnostics = diagnostics;
        _entries = entries;
    }

    public YamlMappingNode Node { get; }

    public string File { get; }

    public DiagnosticBag Diagnostics { get; }

    /// <summary>Where the mapping starts (for an empty map read from a null value: where that value is).</summary>
    public SourcePosition Position { get; }

    /// <summary>Keys in document order.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries =>
        _entries.Select(e => (e.Key, e.Value.Key, e.Value.Value));

    /// <summary>Reads <paramref name="node"/> as a mapping, or reports "expected a mapping for <paramref name="what"/>" and returns null.</summary>
    public static YamlMap? Of(YamlNode? node, string file, DiagnosticBag diagnostics, string what)
    {
        if (node is null || IsNull(node))
        {
            return node is null ? null : Empty(node, file, diagnostics);
        }
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(node.At(file), $"expected a mapping for {what}, found {node.Describe()}");
            return null;
        }
        var entries = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        var merged = new List<(string, YamlNode, YamlNode)>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                diagnostics.Error(keyNode.At(file), $"expected a plain key in {what}, found {keyNode.Describe()}");
                continue;
            }
            if (key == "<<" && keyNode is YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.SingleQuoted and not YamlDotNet.Core.ScalarStyle.DoubleQuoted })
            {
                CollectMerge(value, file, diagnostics, what, merged);
                continue;
            }
            if (!entries.TryAdd(key, (keyNode, value)))
            {
                diagnostics.Error(keyNode.At(file), $"duplicate key '{key}' in {what}");
            }
        }
        foreach (var (key, keyNode, value) in merged)
        {
            entries.TryAdd(key, (keyNode, value));
        }
        return new YamlMap(mapping, mapping.At(file), file, diagnostics, entries);
    }

    private static YamlMap Empty(YamlNode at, string file, DiagnosticBag diagnostics) =>
        new(new YamlMappingNode(), at.At(file), file, diagnostics, new(StringComparer.Ordinal));

    private static void CollectMerge(YamlNode value, string file, DiagnosticBag diagnostics, string what, List<(string, YamlNode, YamlNode)> into)
    {
        var sources = value is YamlSequenceNode seq ? seq.Children : (IEnumerable<YamlNode>)[value];
        foreach (var source in sources)
        {
            if (source is not YamlMappingNode map)
            {
                diagnostics.Error(source.At(file), $"merge key '<<' in {what} expects a mapping or a list of mappings, found {source.Describe()}");
                continue;
            }
            var inner = Of(map, file, diagnostics, what);
            if (inner is null)
            {
                continue;
            }
            foreach (var (key, keyNode, node) in inner.Entries)
            {
                into.Add((key, keyNode, node));
            }
        }
    }

    public bool Has(string key) => _entries.ContainsKey(key);

    public YamlNode? this[string key] => _entries.TryGetValue(key, out var e) ? e.Value : null;

    public SourcePosition KeyPosition(string key) => _entries.TryGetValue(key, out var e) ? e.Key.At(File) : Position;

    /// <summary>Reports every key that is not in <paramref name="allowed"/> (x-* extension keys are allowed when <paramref name="allowExtensions"/>).</summary>
    public void RejectUnknownKeys(string what, IReadOnlyCollection<string> allowed, bool allowExtensions = false)
    {
        foreach (var (key, keyNode, _) in Entries)
        {
            if (allowed.Contains(key) || (allowExtensions && key.StartsWith("x-", StringComparison.Ordinal)))
            {
                continue;
            }
            Diagnostics.Error(keyNode.At(File), $"unknown key '{key}' in {what}; expected one of: {string.Join(", ", allowed)}");
        }
    }

    public string? String(string key, bool required = false, string? what = null)
    {
        var node = this[key];
        if (node is null || IsNull(node))
        {
            if (required)
            {
                Diagnostics.Error(node?.At(File) ?? Position, $"missing required key '{key}'{(what is null ? "" : " in " + what)}");
            }
            return null;
        }
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }
        Diagnostics.Error(node.At(File), $"expected a string for '{key}', found {node.Describe()}");
        return null;
    }

    public bool? Bool(string key)
    {
        var node = this[key];
        if (node is null || IsNull(node))
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } text })
        {
            switch (text.ToLowerInvariant())
            {
                case "true" or "yes" or "on":
                    return true;
                case "false" or "no" or "off":
                    return false;
            }
        }
        Diagnostics.Error(node.At(File), $"expected true or false for '{key}', found {node.Describe()}");
        return null;
    }

    public long? Integer(string key, long min = long.MinValue, long max = long.MaxValue)
    {
        var node = this[key];
        if (node is null || IsNull(node))
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } text } && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            if (value < min || value > max)
            {
                Diagnostics.Error(node.At(File), $"'{key}' must be between {min} and {max}, found {value}");
                return null;
            }
            return value;
        }
        Diagnostics.Error(node.At(File), $"expected an integer for '{key}', found {node.Describe()}");
        return null;
    }

    /// <summary>A list of strings; a single scalar is accepted as a one-item list when <paramref name="allowScalar"/>.</summary>
    public IReadOnlyList<(string Value, SourcePosition Position)>? StringList(string key, bool allowScalar = false)
    {
        var node = this[key];
        if (node is null || IsNull(node))
        {
            return null;
        }
        if (allowScalar && node is YamlScalarNode single)
        {
            return [(single.Value ?? "", single.At(File))];
        }
        if (node is not YamlSequenceNode seq)
        {
            Diagnostics.Error(node.At(File), $"expected a list for '{key}', found {node.Describe()}");
            return null;
        }
        var result = new List<(string, SourcePosition)>();
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode { Value: { } text })
            {
                result.Add((text, item.At(File)));
            }
            else
            {
                Diagnostics.Error(item.At(File), $"expected a string in '{key}', found {item.Describe()}");
            }
        }
        return result;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };
}
