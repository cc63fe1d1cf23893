using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Compose;

/// <summary>An external network or volume is created elsewhere, so settings for creating it would silently do nothing.</summary>
internal static class ExternalDefinition
{
    public static void RejectSettings(ComposeContext context, YamlMap map, string what)
    {
        foreach (var (key, keyNode, _) in map.Entries)
        {
            if (key is not ("external" or "name") && !key.StartsWith("x-", StringComparison.Ordinal))
            {
                context.Error(keyNode, $"'{key}' cannot be set on external {what}; only 'name' may accompany 'external: true'");
            }
        }
    }
}
