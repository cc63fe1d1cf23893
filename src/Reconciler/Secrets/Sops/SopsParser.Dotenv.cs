using GitOps.Reconciler.Secrets.Failures;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Secrets.Sops;

public static partial class SopsParser
{
    private const string MetadataPrefix = "sops_";

    private static bool LooksLikeDotenv(string text) =>
        DotenvMacLine().IsMatch(text) && DotenvVersionLine().IsMatch(text);

    // SOPS writes dotenv as KEY=VALUE lines with "\n" for newlines and '#' comments; its metadata is flattened into
    // sops_-prefixed keys (sops_age__list_0__map_enc=...).
    private static SopsDocument ParseDotenv(string text)
    {
        var values = new List<KeyValuePair<string, SopsNode>>();
        var metadata = new List<KeyValuePair<string, string>>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new SecretException(SecretFailure.Malformed, $"SOPS dotenv line {lineNumber} has no '='");
            }

            var key = line[..equals];
            var value = line[(equals + 1)..].Replace("\\n", "\n", StringComparison.Ordinal);
            if (key.StartsWith(MetadataPrefix, StringComparison.Ordinal))
            {
                metadata.Add(new(key[MetadataPrefix.Length..], value));
            }
            else
            {
                values.Add(new(key, new SopsScalar(value, SopsScalarKind.String)));
            }
        }

        var root = new SopsMap([.. values, new("sops", Unflatten(metadata))]);
        return Document(SopsFormat.Dotenv, root);
    }

    /// <summary>Rebuilds the metadata tree from flattened keys: <c>a__list_0__map_b</c> is <c>a[0].b</c>.</summary>
    private static SopsMap Unflatten(IReadOnlyList<KeyValuePair<string, string>> flat)
    {
        var root = new FlatNode();
        foreach (var (key, value) in flat)
        {
            var node = root;
            foreach (var token in FlatTokens(key))
            {
                node = node.Child(token);
            }

            node.Value = value;
        }

        return (SopsMap)root.ToNode();
    }

    // "age__list_0__map_enc" -> "age", "#0", "enc": list indexes are marked with '#'.
    private static IEnumerable<string> FlatTokens(string key)
    {
        var position = 0;
        var kind = "";
        while (true)
        {
            var map = key.IndexOf("__map_", position, StringComparison.Ordinal);
            var list = key.IndexOf("__list_", position, StringComparison.Ordinal);
            var next = (map, list) switch
            {
                ( < 0, < 0) => key.Length,
                ( < 0, _) => list,
                (_, < 0) => map,
                _ => Math.Min(map, list),
            };
            var name = key[position..next];
            yield return kind == "list" ? "#" + name : name;
            if (next == key.Length)
            {
                yield break;
            }

            kind = next == list ? "list" : "map";
            position = next + (kind == "list" ? "__list_".Length : "__map_".Length);
        }
    }

    private sealed class FlatNode
    {
        private readonly List<KeyValuePair<string, FlatNode>> _children = [];

        public string? Value { get; set; }

        public FlatNode Child(string token)
        {
            var existing = _children.FirstOrDefault(c => c.Key == token).Value;
            if (existing is not null)
            {
                return existing;
            }

            var child = new FlatNode();
            _children.Add(new(token, child));
            return child;
        }

        public SopsNode ToNode()
        {
            if (Value is not null)
            {
                return new SopsScalar(Value, SopsScalarKind.String);
            }

            if (_children.Count > 0 && _children.All(c => c.Key.StartsWith('#')))
            {
                return new SopsList(_children
                    .OrderBy(c => int.TryParse(c.Key[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
                    .Select(c => c.Value.ToNode()).ToList());
            }

            return new SopsMap(_children.Select(c => new KeyValuePair<string, SopsNode>(c.Key, c.Value.ToNode())).ToList());
        }
    }

    [GeneratedRegex(@"^sops_mac=", RegexOptions.Multiline)]
    private static partial Regex DotenvMacLine();

    [GeneratedRegex(@"^sops_version=", RegexOptions.Multiline)]
    private static partial Regex DotenvVersionLine();
}
