using GitOps.Reconciler.Common;
using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// Reads the required <c>targets:</c> list of a stack, task or model: group or host names from the
/// inventory. A resource without targets applies nowhere, so a missing or empty list is an error.
/// </summary>
public static class Targets
{
    public static ValueList<string> Read(YamlMap map, Inventory? inventory, string what)
    {
        if (!map.Has("targets"))
        {
            map.Diagnostics.Error(map.Position, $"missing required key 'targets' in {what}; list the groups or hosts it applies to");
            return ValueList<string>.Empty;
        }
        var items = map.StringList("targets", allowScalar: true);
        if (items is null)
        {
            if (map["targets"] is { } node && YamlMap.IsNull(node))
            {
                map.Diagnostics.Error(node.At(map.File), $"'targets' of {what} is empty; list the groups or hosts it applies to");
            }
            return ValueList<string>.Empty;
        }
        if (items.Count == 0)
        {
            map.Diagnostics.Error(map["targets"]!.At(map.File), $"'targets' of {what} is empty; list the groups or hosts it applies to");
        }
        foreach (var (name, at) in items)
        {
            if (inventory is not null && !inventory.Defines(name))
            {
                map.Diagnostics.Error(at, $"unknown target '{name}'; expected a group or host defined in inventory.yaml");
            }
        }
        return ValueList.Sorted(items.Select(i => i.Value).Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
    }
}
