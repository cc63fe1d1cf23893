using GitOps.Reconciler.Secrets.Failures;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>Reads a plain (not yet encrypted) dotenv, YAML or JSON file into a tree for <see cref="SopsEncryptor"/>.</summary>
internal static class SopsPlainReader
{
    public static SopsMap Read(byte[] plain, SopsFormat format)
    {
        var text = Encoding.UTF8.GetString(plain);
        return format switch
        {
            SopsFormat.Dotenv => Dotenv(text),
            SopsFormat.Json => Json(text),
            SopsFormat.Yaml => Yaml(text),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    private static SopsMap Dotenv(string text)
    {
        var entries = new List<KeyValuePair<string, SopsNode>>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new SecretException(SecretFailure.Malformed, $"dotenv line {number} is not KEY=VALUE");
            }

            entries.Add(new(line[..equals], new SopsScalar(line[(equals + 1)..].Replace("\\n", "\n", StringComparison.Ordinal), SopsScalarKind.String)));
        }

        return new SopsMap(entries);
    }

    private static SopsMap Json(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? (SopsMap)FromJson(json.RootElement)
                : throw new SecretException(SecretFailure.Malformed, "the JSON file is not an object");
        }
        catch (JsonException e)
        {
            throw new SecretException(SecretFailure.Malformed, $"the JSON file does not parse (line {e.LineNumber + 1})", e);
        }
    }

    private static SopsNode FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new SopsMap(element.EnumerateObject().Select(p => new KeyValuePair<string, SopsNode>(p.Name, FromJson(p.Value))).ToList()),
        JsonValueKind.Array => new SopsList(element.EnumerateArray().Select(FromJson).ToList()),
        JsonValueKind.String => new SopsScalar(element.GetString() ?? "", SopsScalarKind.String),
        JsonValueKind.Number => new SopsScalar(element.GetRawText(), element.TryGetInt64(out _) ? SopsScalarKind.Int : SopsScalarKind.Float),
        JsonValueKind.True => new SopsScalar("true", SopsScalarKind.Bool),
        JsonValueKind.False => new SopsScalar("false", SopsScalarKind.Bool),
        _ => new SopsScalar("", SopsScalarKind.Null),
    };

    private static SopsMap Yaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SecretException(SecretFailure.Malformed, $"the YAML file does not parse (line {e.Start.Line})", e);
        }

        return stream.Documents is [{ RootNode: YamlMappingNode root }]
            ? (SopsMap)FromYaml(root)
            : throw new SecretException(SecretFailure.Malformed, "the YAML file is not one mapping document");
    }

    private static SopsNode FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode map => new SopsMap(map.Children.Select(kv => new KeyValuePair<string, SopsNode>(
            kv.Key is YamlScalarNode { Value: { } key } ? key : throw new SecretException(SecretFailure.Malformed, "the YAML file has a non-scalar key"),
            FromYaml(kv.Value))).ToList()),
        YamlSequenceNode list => new SopsList(list.Children.Select(FromYaml).ToList()),
        YamlScalarNode scalar => new SopsScalar(scalar.Value ?? "", SopsParser.KindOf(scalar)),
        _ => throw new SecretException(SecretFailure.Malformed, "the YAML file uses anchors or tags"),
    };
}
