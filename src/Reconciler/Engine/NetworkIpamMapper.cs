using Docker.DotNet.Models;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Pure translation of a network's <c>ipam:</c> to the engine's IPAM and back. The engine reports the pools it picked
/// for a network without <c>ipam:</c> in the same shape as configured ones, so a network created with <c>ipam:</c>
/// carries <see cref="ConfiguredLabel"/> and only those are read back as configured.
/// </summary>
public static class NetworkIpamMapper
{
    public const string ConfiguredLabel = EngineLabels.AgentPrefix + "ipam";

    /// <summary>The engine's name for "no IPAM driver given".</summary>
    public const string DefaultDriver = "default";

    public static IPAM? ToEngine(NetworkIpam? ipam) => ipam is null
        ? null
        : new IPAM
        {
            Driver = ipam.Driver ?? DefaultDriver,
            Options = ipam.Options.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            Config = [.. ipam.Config.Select(p => new IPAMConfig
            {
                Subnet = p.Subnet!,
                IPRange = p.IpRange!,
                Gateway = p.Gateway!,
                AuxAddress = p.AuxAddresses.Count == 0 ? null! : p.AuxAddresses.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            })],
        };

    public static NetworkIpam? FromEngine(IPAM? ipam, IDictionary<string, string>? labels) =>
        ipam is null || labels is null || !labels.ContainsKey(ConfiguredLabel)
            ? null
            : new NetworkIpam(
                string.IsNullOrEmpty(ipam.Driver) || ipam.Driver == DefaultDriver ? null : ipam.Driver,
                ValueList.Sorted((ipam.Config ?? []).Select(c => new IpamPool(
                    NullIfEmpty(c.Subnet),
                    NullIfEmpty(c.IPRange),
                    NullIfEmpty(c.Gateway),
                    ValueMap.From(c.AuxAddress ?? new Dictionary<string, string>())))),
                ValueMap.From(ipam.Options ?? new Dictionary<string, string>()));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
