using System.Text.Json;

namespace GitOps.Reconciler.Secrets.Sops;

public static partial class SopsParser
{
    private static SopsDocument? TryParseJson(string text, string fileName)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("sops", out _))
            {
                return null;
            }

            var root = (SopsMap)FromJson(json.RootElement);
            // SOPS's binary layout is JSON with only "data" beside the metadata; a *.json file is JSON data.
            var binary = root.Entries.Count == 2 && root["data"] is SopsScalar
                && !fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            return Document(binary ? SopsFormat.Binary : SopsFormat.Json, root);
        }
    }

    private static SopsNode FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new SopsMap(element.EnumerateObject()
            .Select(p => new KeyValuePair<string, SopsNode>(p.Name, FromJson(p.Value))).ToList()),
        JsonValueKind.Array => new SopsList(element.EnumerateArray().Select(FromJson).ToList()),
        JsonValueKind.String => new SopsScalar(element.GetString() ?? "", SopsScalarKind.String),
        JsonValueKind.Number => new SopsScalar(element.GetRawText(), element.TryGetInt64(out _) ? SopsScalarKind.Int : SopsScalarKind.Float),
        JsonValueKind.True => new SopsScalar("true", SopsScalarKind.Bool),
        JsonValueKind.False => new SopsScalar("false", SopsScalarKind.Bool),
        _ => new SopsScalar("", SopsScalarKind.Null),
    };
}
