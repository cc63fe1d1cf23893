using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace GitOps.Daemon.Cli;

/// <summary>
/// Writes a JSON tree as indented, YAML-like text for people: <c>key: value</c>, nested blocks indented,
/// lists as <c>- item</c>. Nulls, empty lists and maps with nothing set are left out, so only what is set shows.
/// </summary>
public static class IndentedText
{
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        WriteBlock(node, 0, text);
        return text.ToString();
    }

    private static void WriteBlock(JsonNode? node, int indent, StringBuilder text)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (IsEmpty(value))
                    {
                        continue;
                    }
                    if (value is JsonValue scalar)
                    {
                        text.Append(pad).Append(key).Append(": ").AppendLine(Scalar(scalar));
                    }
                    else
                    {
                        text.Append(pad).Append(key).AppendLine(":");
                        WriteBlock(value, indent + 2, text);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonValue scalar)
                    {
                        text.Append(pad).Append("- ").AppendLine(Scalar(scalar));
                    }
                    else
                    {
                        text.Append(pad).AppendLine("-");
                        WriteBlock(item, indent + 2, text);
                    }
                }
                break;
            case JsonValue value:
                text.Append(pad).AppendLine(Scalar(value));
                break;
        }
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject obj => obj.All(kv => IsEmpty(kv.Value)),
        JsonArray array => array.Count == 0,
        _ => false,
    };

    private static string Scalar(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String ? Quote(value.GetValue<string>()) : value.ToJsonString();

    /// <summary>Quotes a string only when it would otherwise read as something else (empty, spaces at the ends, special characters).</summary>
    private static string Quote(string text)
    {
        var plain = text.Length > 0
            && text.Trim() == text
            && !text.Contains(": ", StringComparison.Ordinal)
            && !text.Contains(" #", StringComparison.Ordinal)
            && text.IndexOfAny(['\n', '\t', '"', '\'', '{', '}', '[', ']', ',']) < 0
            && !"-?:#&*!|>%@`".Contains(text[0], StringComparison.Ordinal)
            && text is not ("true" or "false" or "null" or "yes" or "no" or "~")
            && !double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _);
        return plain ? text : JsonSerializer.Serialize(text, (JsonTypeInfo<string>)CliJson.Options.GetTypeInfo(typeof(string)));
    }
}
