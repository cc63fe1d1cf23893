using System.Text.Json;

namespace GitOps.Reconciler.Tests.Reporting.Drift;

/// <summary>
/// A small structural check of a JSON value against the subset of JSON Schema the drift report schema uses:
/// type (one or several), const, enum, required, properties, additionalProperties: false, items, minLength,
/// minimum and local $ref. Returns every violation with its JSON path.
/// </summary>
internal sealed class JsonSchemaCheck(JsonElement root)
{
    public static JsonElement LoadRepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GitOps.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, relative))).RootElement.Clone();
    }

    public List<string> Check(JsonElement value)
    {
        var errors = new List<string>();
        Check(root, value, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString()!), value, path, errors);
        }
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: expected {constant}, found {value}");
        }
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {options}");
        }
        if (schema.TryGetProperty("type", out var type) && !Types(type).Any(t => IsType(t, value)))
        {
            errors.Add($"{path}: expected {type}, found {value.ValueKind}");
            return;
        }
        if (schema.TryGetProperty("minLength", out var minLength) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length < minLength.GetInt32())
        {
            errors.Add($"{path}: shorter than {minLength}");
        }
        if (schema.TryGetProperty("minimum", out var minimum) && value.ValueKind == JsonValueKind.Number && value.GetDouble() < minimum.GetDouble())
        {
            errors.Add($"{path}: less than {minimum}");
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(schema, value, path, errors);
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{i++}]", errors);
            }
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        if (schema.TryGetProperty("required", out var required))
        {
            errors.AddRange(required.EnumerateArray().Select(r => r.GetString()!)
                .Where(r => !value.TryGetProperty(r, out _)).Select(r => $"{path}: required property '{r}' is missing"));
        }
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, path + "." + property.Name, errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{path}: property '{property.Name}' is not in the schema");
            }
        }
    }

    private JsonElement Resolve(string reference)
    {
        Assert.StartsWith("#/", reference, StringComparison.Ordinal);
        return reference[2..].Split('/').Aggregate(root, (node, part) => node.GetProperty(part));
    }

    private static IEnumerable<string> Types(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!) : [type.GetString()!];

    private static bool IsType(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        _ => throw new InvalidOperationException("unknown schema type " + type),
    };
}
