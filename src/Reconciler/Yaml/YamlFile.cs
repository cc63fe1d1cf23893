using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Yaml;

/// <summary>
/// Parses one YAML file of the repo into a node tree with positions. Refuses oversized files and
/// documents whose alias expansion would exceed <see cref="MaxExpandedNodes"/> nodes (a "billion laughs"
/// document) or <see cref="MaxExpandedCharacters"/> characters (one long string referenced by many aliases),
/// or that nest deeper than <see cref="MaxDepth"/>, so neither parsing nor walking, interpolating or rendering
/// the tree later can hang, exhaust memory or overflow the stack.
/// </summary>
public static class YamlFile
{
    public const int MaxExpandedNodes = 100_000;

    public const int MaxDepth = 100;

    /// <summary>Characters of all scalars (keys and values) once every alias is expanded: four times the largest file.</summary>
    public const long MaxExpandedCharacters = 4 * 1024 * 1024;

    public static YamlNode? Load(RepoDirectory repo, string relativePath, DiagnosticBag diagnostics)
    {
        var text = repo.ReadText(relativePath, SourcePosition.StartOf(relativePath), diagnostics);
        return text is null ? null : Parse(text, relativePath, diagnostics);
    }

    /// <summary>Parses text; returns the root node (an empty mapping for an empty document) or null after reporting.</summary>
    public static YamlNode? Parse(string text, string file, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            // Building the node tree recurses once per nesting level; a deep enough document would overflow the stack.
            if (TooDeepAt(text) is { } deep)
            {
                diagnostics.Error(new SourcePosition(file, (int)deep.Line, (int)deep.Column), $"document nests deeper than {MaxDepth} levels; refused");
                return null;
            }
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
            var at = new SourcePosition(file, (int)Math.Max(1, ex.Start.Line), (int)Math.Max(1, ex.Start.Column));
            if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && IndentingTab(text, at) is { } tab)
            {
                // The scanner reports where the enclosing mapping or scalar started, often 1:1; the tab itself is what to fix.
                diagnostics.Error(tab, "invalid YAML: a tab character in indentation; YAML indents with spaces only");
                return null;
            }
            diagnostics.Error(at, "invalid YAML: " + Clean(message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this without a position on some unterminated flow collections.
            diagnostics.Error(LastGoodPosition(text, file), "invalid YAML: the document cannot be parsed past this point (an unclosed '[' or '{'?)");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            diagnostics.Error(second.At(file), "expected a single YAML document, found several");
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            return new YamlMappingNode();
        }
        var root = stream.Documents[0].RootNode;
        if (ExpandedSize(root, MaxExpandedNodes) > MaxExpandedNodes)
        {
            diagnostics.Error(root.At(file), $"document expands to more than {MaxExpandedNodes} nodes through aliases; refused");
            return null;
        }
        if (TooLargeAt(text) is { } large)
        {
            diagnostics.Error(new SourcePosition(file, (int)large.Line, (int)large.Column),
                $"document expands to more than {MaxExpandedCharacters} characters through aliases (here); refused");
            return null;
        }
        return root;
    }

    /// <summary>Number of nodes a full walk would visit (aliases followed), stopping once past <paramref name="limit"/>.</summary>
    private static long ExpandedSize(YamlNode root, long limit)
    {
        var memo = new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance);
        return Size(root, memo, limit, depth: 0);
    }

    private static long Size(YamlNode node, Dictionary<YamlNode, long> memo, long limit, int depth)
    {
        if (memo.TryGetValue(node, out var known))
        {
            return known;
        }
        if (depth > 200)
        {
            return limit + 1;
        }
        long total = 1;
        IEnumerable<YamlNode> children = node switch
        {
            YamlMappingNode map => map.Children.SelectMany(kv => new[] { kv.Key, kv.Value }),
            YamlSequenceNode seq => seq.Children,
            _ => [],
        };
        foreach (var child in children)
        {
            total += Size(child, memo, limit, depth + 1);
            if (total > limit)
            {
                break;
            }
        }
        memo[node] = total;
        return total;
    }

    /// <summary>Where the event stream first nests deeper than <see cref="MaxDepth"/>, or null. The parser is iterative, so this cannot overflow.</summary>
    private static Mark? TooDeepAt(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxDepth)
                    {
                        return parser.Current.Start;
                    }
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
        return null;
    }

    /// <summary>The first tab in the leading whitespace of a line at or after <paramref name="from"/>'s line, or null.</summary>
    private static SourcePosition? IndentingTab(string text, SourcePosition from)
    {
        var lines = text.Split('\n');
        for (var i = from.Line - 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return new SourcePosition(from.File, i + 1, tab + 1);
            }
        }
        return null;
    }

    /// <summary>
    /// Where the characters of the expanded document first pass <see cref="MaxExpandedCharacters"/> (the scalar or
    /// alias that crosses it), or null. Counts on the event stream, where an alias is one event however large its
    /// anchor, so the count costs no more than the text.
    /// </summary>
    private static Mark? TooLargeAt(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long StartedAt)>();
        long total = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.Scalar scalar:
                    total += scalar.Value.Length;
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchors[scalar.Anchor.Value] = scalar.Value.Length;
                    }
                    break;
                case YamlDotNet.Core.Events.AnchorAlias alias:
                    total += anchors.GetValueOrDefault(alias.Value.Value);
                    break;
                case YamlDotNet.Core.Events.NodeEvent { } start when start is YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, total));
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd when open.Count > 0:
                    var (anchor, startedAt) = open.Pop();
                    if (anchor is not null)
                    {
                        anchors[anchor] = total - startedAt;
                    }
                    break;
            }
            if (total > MaxExpandedCharacters)
            {
                return parser.Current!.Start;
            }
        }
        return null;
    }

    /// <summary>The end of the last token the scanner could read, for errors that carry no position of their own.</summary>
    private static SourcePosition LastGoodPosition(string text, string file)
    {
        var scanner = new Scanner(new StringReader(text));
        var end = Mark.Empty;
        try
        {
            while (scanner.MoveNext())
            {
                end = scanner.Current?.End ?? end;
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // Stop at the first token that cannot be read; the last good one is the best position there is.
        }
        return new SourcePosition(file, (int)Math.Max(1, end.Line), (int)Math.Max(1, end.Column));
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: a, Col: b, Idx: c) - (…): "; the position is reported separately.
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + 3)..] : message;
    }
}
