using System.Text.Json.Nodes;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;

namespace GitOps.Daemon.Rendering;

/// <summary>
/// <c>render</c>'s tree with secrets masked by <see cref="SecretMask"/>: each service with what its spec knows of its
/// sources (decrypted and sensitive files), then every other value by name and URL (task environments, variables).
/// </summary>
public static class RenderMask
{
    private static readonly string[] NamedMaps = ["environment", "variables", "labels"];

    public static void Apply(JsonNode? tree, DesiredState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var (stackName, stack) in state.Stacks)
        {
            foreach (var (serviceName, spec) in stack.Compose.Services)
            {
                if (tree?["stacks"]?[stackName]?["compose"]?["services"]?[serviceName] is JsonObject service)
                {
                    Walk(service, SecretMask.For(spec.SensitiveEnvironment, spec.Environment), map: null);
                }
            }
        }
        Walk(tree, SecretMask.ByNameAndUrl, map: null);
    }

    private static void Walk(JsonNode? node, SecretMask mask, string? map)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[key] = map is null ? mask.Text(text) : mask.Show(Field(map, key), text);
                    }
                    else
                    {
                        Walk(child, mask, NamedMaps.Contains(key, StringComparer.Ordinal) ? key : null);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        array[i] = mask.Text(text);
                    }
                    else
                    {
                        Walk(array[i], mask, map: null);
                    }
                }
                break;
        }
    }

    /// <summary>The plan's name for a map entry: variables are named like environment variables.</summary>
    private static string Field(string map, string key) => (map == "labels" ? "labels." : "environment.") + key;
}
