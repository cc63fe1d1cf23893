using GitOps.Reconciler.Secrets.Failures;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Secrets.Sops;

public static partial class SopsParser
{
    private static SopsDocument? TryParseYaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException)
        {
            return null;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "sops"))
        {
            return null;
        }

        return Document(SopsFormat.Yaml, (SopsMap)FromYaml(root));
    }

    private static SopsNode FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode map => new SopsMap(map.Children
            .Select(kv => new KeyValuePair<string, SopsNode>(
                kv.Key is YamlScalarNode { Value: { } key } ? key : throw new SecretException(SecretFailure.Malformed, "SOPS YAML has a non-scalar key"),
                FromYaml(kv.Value)))
            .ToList()),
        YamlSequenceNode list => new SopsList(list.Children.Select(FromYaml).ToList()),
        YamlScalarNode scalar => new SopsScalar(scalar.Value ?? "", KindOf(scalar)),
        _ => throw new SecretException(SecretFailure.Malformed, "SOPS YAML uses anchors or tags the agent does not read"),
    };

    // YAML 1.2 core schema, as SOPS's YAML library resolves plain scalars.
    internal static SopsScalarKind KindOf(YamlScalarNode scalar)
    {
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return SopsScalarKind.String;
        }

        var value = scalar.Value ?? "";
        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => SopsScalarKind.Null,
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => SopsScalarKind.Bool,
            _ when YamlInt().IsMatch(value) => SopsScalarKind.Int,
            _ when YamlFloat().IsMatch(value) => SopsScalarKind.Float,
            _ => SopsScalarKind.String,
        };
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex YamlInt();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlFloat();
}
