// Docker.DotNet models are nullable throughout; these tests build and read them directly.
#nullable disable warnings

using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Engine;

public class NetworkIpamMapperTests
{
    private static readonly NetworkIpam Ipam = new(
        null,
        ValueList.Of(new IpamPool("172.28.0.0/16", "172.28.5.0/24", null, ValueMap.From([KeyValuePair.Create("host1", "172.28.1.5")]))),
        ValueMap<string>.Empty);

    [Fact]
    public void ToEngine_Pools_SubnetRangeAuxAndDefaultDriver()
    {
        var engine = NetworkIpamMapper.ToEngine(Ipam);

        Assert.Equal("default", engine.Driver);
        var pool = Assert.Single(engine.Config);
        Assert.Equal(("172.28.0.0/16", "172.28.5.0/24", null), (pool.Subnet, pool.IPRange, pool.Gateway));
        Assert.Equal("172.28.1.5", pool.AuxAddress["host1"]);
    }

    [Fact]
    public void FromEngine_CreatedWithIpam_ReadsBackTheSame()
    {
        var labels = new Dictionary<string, string> { [NetworkIpamMapper.ConfiguredLabel] = "true" };

        Assert.Equal(Ipam, NetworkIpamMapper.FromEngine(NetworkIpamMapper.ToEngine(Ipam), labels));
    }

    [Fact]
    public void FromEngine_PoolPickedByTheEngine_NotConfigured()
    {
        var picked = new Docker.DotNet.Models.IPAM { Driver = "default", Config = [new Docker.DotNet.Models.IPAMConfig { Subnet = "192.168.192.0/20", Gateway = "192.168.192.1" }] };

        Assert.Null(NetworkIpamMapper.FromEngine(picked, new Dictionary<string, string>()));
    }

    [Fact]
    public void NetworkDiff_SubnetChanged_IpamField()
    {
        var network = new NetworkSpec("front", "p_front", "bridge", false, false, ValueMap<string>.Empty, ValueMap<string>.Empty);
        var changed = Ipam with { Config = ValueList.Of(Ipam.Config[0] with { Subnet = "10.1.0.0/16" }) };

        var change = Assert.Single(NetworkDiff.Between(network with { Ipam = changed }, network with { Ipam = Ipam }));

        Assert.Equal("ipam", change.Field);
        Assert.Contains("subnet=10.1.0.0/16", change.Desired, StringComparison.Ordinal);
    }
}
