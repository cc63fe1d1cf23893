using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>networks.&lt;n&gt;.ipam, and fixed addresses checked against the declared subnets.</summary>
public class ComposeLoaderIpamTests
{
    private const string Web = "services:\n  web:\n    image: x\n    networks:\n      front:\n        ipv4_address: 172.28.5.10\n";

    [Fact]
    public void Load_IpamFull_Parsed()
    {
        var stack = Loads(Web + """
            networks:
              front:
                ipam:
                  driver: default
                  options: {foo: bar}
                  config:
                    - subnet: 172.28.0.0/16
                      ip_range: 172.28.5.0/24
                      gateway: 172.28.5.254
                      aux_addresses:
                        host1: 172.28.1.5
                    - subnet: 2001:db8::/64
            """);
        Assert.Equal(
            new NetworkIpam(
                "default",
                ValueList.Sorted([
                    new IpamPool("172.28.0.0/16", "172.28.5.0/24", "172.28.5.254", ValueMap.From([KeyValuePair.Create("host1", "172.28.1.5")])),
                    new IpamPool("2001:db8::/64", null, null, ValueMap<string>.Empty),
                ]),
                ValueMap.From([KeyValuePair.Create("foo", "bar")])),
            stack.Networks["front"].Ipam);
        Assert.Equal("172.28.5.10", stack.Services["web"].Networks["front"].Ipv4Address);
    }

    [Fact]
    public void Load_NoIpam_Null() =>
        Assert.Null(Loads("services:\n  web:\n    image: x\n    networks: [front]\nnetworks:\n  front: {}\n").Networks["front"].Ipam);

    [Fact]
    public void Load_Ipv4AddressWithoutSubnet_Error() =>
        Fails(Web + "networks:\n  front: {}\n", 6, 23, "ipv4_address '172.28.5.10' of service 'web' needs a subnet for it under networks.front.ipam.config; the engine gives fixed addresses only on networks with a configured subnet");

    [Fact]
    public void Load_Ipv4AddressOutsideSubnet_Error() =>
        Fails(Web + "networks:\n  front:\n    ipam:\n      config:\n        - subnet: 10.9.0.0/16\n", 6, 23, "ipv4_address '172.28.5.10' of service 'web' is outside the subnets of network 'front' (10.9.0.0/16)");

    [Fact]
    public void Load_Ipv4AddressOnExternalNetwork_NotChecked() =>
        Loads(Web + "networks:\n  front:\n    external: true\n");

    [Fact]
    public void Load_BadSubnet_Error() =>
        Fails(Web + "networks:\n  front:\n    ipam:\n      config:\n        - subnet: 172.28.0.0\n", 11, 19, "invalid subnet '172.28.0.0'; expected a CIDR like 172.28.0.0/16");

    [Fact]
    public void Load_GatewayOutsideSubnet_Error() =>
        Fails(Web + "networks:\n  front:\n    ipam:\n      config:\n        - subnet: 172.28.0.0/16\n          gateway: 10.0.0.1\n", 12, 20, "gateway '10.0.0.1' is outside subnet 172.28.0.0/16");

    [Fact]
    public void Load_IpamUnknownKey_Error() =>
        Fails(Web + "networks:\n  front:\n    ipam:\n      config:\n        - subnet: 172.28.0.0/16\n          gw: 172.28.0.1\n", 12, 11, "unknown key 'gw' in an ipam.config entry of network 'front'; expected one of: aux_addresses, gateway, ip_range, subnet");
}
