using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// Loads inventory.yaml. Membership may be declared from either side (a group's <c>hosts:</c> or a
/// host's <c>groups:</c>); every reference must name a defined host or group, and a name cannot be both.
/// </summary>
public static class InventoryLoader
{
    private const string File = Inventory.FileName;

    /// <summary>The inventory, or null when the file is missing or not YAML. Other errors are reported and the rest is kept.</summary>
    public static Inventory? Load(RepoDirectory repo, DiagnosticBag diagnostics)
    {
        var root = YamlMap.Of(YamlFile.Load(repo, File, diagnostics), File, diagnostics, File);
        if (root is null)
        {
            return null;
        }
        root.RejectUnknownKeys(File, ["groups", "hosts", "vars", "policy", "rollout"]);
        var groups = ReadEntries(root, "groups", "group", ["hosts", "vars"]);
        var hosts = ReadEntries(root, "hosts", "host", ["groups", "vars"]);
        if (hosts.Count == 0)
        {
            diagnostics.Warning(root.KeyPosition("hosts"), "inventory.yaml defines no hosts; nothing applies anywhere");
        }

        var membership = hosts.ToDictionary(h => h.Name, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var groupNames = groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var (host, at) in group.Body.StringList("hosts") ?? [])
            {
                if (membership.TryGetValue(host, out var ofHost))
                {
                    ofHost.Add(group.Name);
                }
                else
                {
                    diagnostics.Error(at, $"unknown host '{host}' in group '{group.Name}'; every host must be listed under 'hosts:'");
                }
            }
        }
        foreach (var host in hosts)
        {
            foreach (var (group, at) in host.Body.StringList("groups") ?? [])
            {
                if (groupNames.Contains(group))
                {
                    membership[host.Name].Add(group);
                }
                else
                {
                    diagnostics.Error(at, $"unknown group '{group}' for host '{host.Name}'; groups must be defined under 'groups:'");
                }
            }
        }

        ReportSharedNames(groups, hosts, membership, diagnostics);
        var groupOrder = groups.Select((g, i) => (g.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var inventoryGroups = groups.Select((g, i) => new InventoryGroup(g.Name, i, VariableDeclarations.Read(g.Body, "vars", $"group '{g.Name}'")));
        var inventoryHosts = hosts.Select(h => new InventoryHost(
            h.Name,
            ValueList.From(membership[h.Name].OrderBy(g => groupOrder[g])),
            VariableDeclarations.Read(h.Body, "vars", $"host '{h.Name}'")));
        return new Inventory(
            new ValueMap<InventoryHost>(inventoryHosts.Select(h => KeyValuePair.Create(h.Name, h))),
            new ValueMap<InventoryGroup>(inventoryGroups.Select(g => KeyValuePair.Create(g.Name, g))),
            VariableDeclarations.Read(root, "vars", File),
            ReadPolicy(root) with
            {
                Rollout = RolloutPolicyReader.Read(root, groupNames),
                Groups = ValueList.Sorted(groups.Select(g => g.Name), StringComparer.Ordinal),
            });
    }

    private sealed record Entry(string Name, SourcePosition At, YamlMap Body);

    private static List<Entry> ReadEntries(YamlMap root, string key, string kind, string[] allowedKeys)
    {
        var entries = new List<Entry>();
        var section = YamlMap.Of(root[key], File, root.Diagnostics, $"'{key}'");
        foreach (var (name, keyNode, value) in section?.Entries ?? [])
        {
            var at = keyNode.At(File);
            if (!ResourceName.IsValidInventoryName(name))
            {
                root.Diagnostics.Error(at, $"invalid {kind} name '{name}'; expected letters, digits, '.', '-' and '_'");
                continue;
            }
            var body = YamlMap.Of(value, File, root.Diagnostics, $"{kind} '{name}'");
            if (body is null)
            {
                continue;
            }
            body.RejectUnknownKeys($"{kind} '{name}'", allowedKeys);
            entries.Add(new Entry(name, at, body));
        }
        return entries;
    }

    /// <summary>
    /// A target name must mean one thing, so a name cannot be both a host and a group.
    /// </summary>
    private static void ReportSharedNames(List<Entry> groups, List<Entry> hosts, Dictionary<string, HashSet<string>> membership, DiagnosticBag diagnostics)
    {
        foreach (var host in hosts)
        {
            var group = groups.Find(g => g.Name == host.Name);
            if (group is null)
            {
                continue;
            }
            var later = host.At.Line >= group.At.Line ? host.At : group.At;
            var earlier = ReferenceEquals(later, host.At) ? group.At : host.At;
            diagnostics.Error(later, $"'{host.Name}' is both a host and a group (also at line {earlier.Line}); host and group names share one namespace");
        }
    }

    private static FleetPolicy ReadPolicy(YamlMap root)
    {
        var policy = YamlMap.Of(root["policy"], File, root.Diagnostics, "'policy'");
        if (policy is null)
        {
            return FleetPolicy.Default;
        }
        policy.RejectUnknownKeys("'policy'", ["allowRemoveAllStacks"]);
        return new FleetPolicy(policy.Bool("allowRemoveAllStacks") ?? false);
    }
}
