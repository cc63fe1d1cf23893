using GitOps.Reconciler.Secrets.Failures;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>Writes SOPS documents (values and metadata) and decrypted trees in their file's layout.</summary>
public static class SopsWriter
{
    public static byte[] Write(SopsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var metadata = MetadataNode(document.Metadata);
        if (document.Format == SopsFormat.Dotenv)
        {
            var lines = new StringBuilder();
            AppendDotenv(lines, document.Tree);
            foreach (var (key, value) in Flatten(metadata, "sops"))
            {
                lines.Append(key).Append('=').Append(value.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            }

            return Encoding.UTF8.GetBytes(lines.ToString());
        }

        var root = new SopsMap([.. document.Tree.Entries, new("sops", metadata)]);
        return document.Format == SopsFormat.Yaml ? Yaml(root) : Json(root);
    }

    /// <summary>The decrypted file as the service should see it: the same layout, values in plaintext.</summary>
    public static byte[] WritePlain(SopsPlaintext plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        switch (plaintext.Format)
        {
            case SopsFormat.Binary:
                return plaintext.Binary ?? [];
            case SopsFormat.Dotenv:
                var lines = new StringBuilder();
                AppendDotenv(lines, plaintext.Tree);
                return Encoding.UTF8.GetBytes(lines.ToString());
            case SopsFormat.Yaml:
                return Yaml(plaintext.Tree);
            default:
                return Json(plaintext.Tree);
        }
    }

    private static void AppendDotenv(StringBuilder lines, SopsMap tree)
    {
        foreach (var (key, value) in tree.Entries)
        {
            var text = value is SopsScalar scalar ? scalar.Text : throw new SecretException(SecretFailure.InvalidContent, $"dotenv value '{key}' is not a scalar");
            lines.Append(key).Append('=').Append(text.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        }
    }

    private static SopsMap MetadataNode(SopsMetadata metadata)
    {
        static KeyValuePair<string, SopsNode> Text(string key, string value) => new(key, new SopsScalar(value, SopsScalarKind.String));
        var entries = new List<KeyValuePair<string, SopsNode>>
        {
            new("age", new SopsList(metadata.AgeKeys.Select(k => (SopsNode)new SopsMap([Text("recipient", k.Recipient), Text("enc", k.EncryptedDataKey)])).ToList())),
            Text("lastmodified", metadata.LastModified),
            Text("mac", metadata.Mac),
        };
        if (metadata.UnencryptedSuffix is { } suffix)
        {
            entries.Add(Text("unencrypted_suffix", suffix));
        }

        entries.Add(Text("version", metadata.Version));
        return new SopsMap(entries);
    }

    // SOPS's dotenv flattening: a[0].b becomes a__list_0__map_b.
    private static IEnumerable<KeyValuePair<string, string>> Flatten(SopsNode node, string prefix) => node switch
    {
        SopsMap map => map.Entries.SelectMany(e => Flatten(e.Value, prefix == "sops" ? "sops_" + e.Key : prefix + "__map_" + e.Key)),
        SopsList list => list.Items.SelectMany((item, i) => Flatten(item, prefix + "__list_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        SopsScalar scalar => [new(prefix, scalar.Text)],
        _ => [],
    };

    private static byte[] Yaml(SopsMap root)
    {
        using var writer = new StringWriter();
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        EmitYaml(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return Encoding.UTF8.GetBytes(writer.ToString());
    }

    private static void EmitYaml(Emitter emitter, SopsNode node)
    {
        switch (node)
        {
            case SopsMap map:
                emitter.Emit(new MappingStart());
                foreach (var (key, value) in map.Entries)
                {
                    emitter.Emit(new Scalar(null, null, key, StringStyle(key), true, true));
                    EmitYaml(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case SopsList list:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in list.Items)
                {
                    EmitYaml(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case SopsScalar { Kind: SopsScalarKind.String } text:
                emitter.Emit(new Scalar(null, null, text.Text, StringStyle(text.Text), true, true));
                break;
            case SopsScalar { Kind: SopsScalarKind.Null }:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case SopsScalar { Kind: SopsScalarKind.Bool } flag:
                emitter.Emit(new Scalar(null, null, SopsValueBytes.IsTrue(flag.Text) ? "true" : "false", ScalarStyle.Plain, true, false));
                break;
            case SopsScalar other:
                emitter.Emit(new Scalar(null, null, other.Text, ScalarStyle.Plain, true, false));
                break;
        }
    }

    // A string keeps its type: quoted when its plain form would read as another type or a timestamp.
    private static ScalarStyle StringStyle(string text) =>
        text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
        : SopsParser.KindOf(new YamlScalarNode(text)) != SopsScalarKind.String || (text.Length > 0 && char.IsAsciiDigit(text[0])) ? ScalarStyle.DoubleQuoted
        : ScalarStyle.Any;

    private static byte[] Json(SopsMap root)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            WriteJson(json, root);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter json, SopsNode node)
    {
        switch (node)
        {
            case SopsMap map:
                json.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    json.WritePropertyName(key);
                    WriteJson(json, value);
                }

                json.WriteEndObject();
                break;
            case SopsList list:
                json.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(json, item);
                }

                json.WriteEndArray();
                break;
            case SopsScalar { Kind: SopsScalarKind.Null }:
                json.WriteNullValue();
                break;
            case SopsScalar { Kind: SopsScalarKind.Bool } flag:
                json.WriteBooleanValue(SopsValueBytes.IsTrue(flag.Text));
                break;
            case SopsScalar { Kind: SopsScalarKind.Int or SopsScalarKind.Float } number:
                json.WriteRawValue(number.Text);
                break;
            case SopsScalar text:
                json.WriteStringValue(text.Text);
                break;
        }
    }
}
