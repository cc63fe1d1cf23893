using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Compose;

/// <summary>One <c>ipam.config</c> entry; ordered by subnet so the same pools in another order compare equal.</summary>
public sealed record IpamPool(string? Subnet, string? IpRange, string? Gateway, ValueMap<string> AuxAddresses) : IComparable<IpamPool>
{
    public int CompareTo(IpamPool? other) => other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    public override string ToString() =>
        string.Join(' ', new[]
        {
            Subnet is null ? null : "subnet=" + Subnet,
            IpRange is null ? null : "ip_range=" + IpRange,
            Gateway is null ? null : "gateway=" + Gateway,
            AuxAddresses.Count == 0 ? null : "aux_addresses={" + string.Join(", ", AuxAddresses.Select(kv => kv.Key + "=" + kv.Value)) + "}",
        }.OfType<string>());
}
