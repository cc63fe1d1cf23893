using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Compose;

/// <summary>A network's <c>ipam:</c> section: address pools the engine must use instead of picking its own.</summary>
/// <param name="Driver">The IPAM driver, or null for the engine's default.</param>
public sealed record NetworkIpam(string? Driver, ValueList<IpamPool> Config, ValueMap<string> Options)
{
    public override string ToString() =>
        (Driver is null ? "" : "driver=" + Driver + " ")
        + "[" + string.Join(", ", Config) + "]"
        + (Options.Count == 0 ? "" : " options={" + string.Join(", ", Options.Select(kv => kv.Key + "=" + kv.Value)) + "}");
}
