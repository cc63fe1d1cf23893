namespace GitOps.Reconciler.Desired;

/// <summary>
/// The inventory variables of one host, merged by precedence: top-level <c>vars:</c>, then each of the
/// host's groups in the order the groups are defined under <c>groups:</c> (a later group wins), then the host's own vars.
/// </summary>
public static class HostVariables
{
    public static Dictionary<string, string> For(Inventory inventory, string host)
    {
        var merged = new Dictionary<string, string>(inventory.Vars, StringComparer.Ordinal);
        if (!inventory.Hosts.TryGetValue(host, out var entry))
        {
            return merged;
        }
        foreach (var group in entry.Groups)
        {
            Overlay(merged, inventory.Groups[group].Vars);
        }
        Overlay(merged, entry.Vars);
        return merged;
    }

    public static void Overlay(Dictionary<string, string> into, IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (key, value) in values)
        {
            into[key] = value;
        }
    }
}
