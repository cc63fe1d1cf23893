// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

/// <summary>A network's ipam reaches the engine, a fixed ipv4_address in it reaches the container, and both read back.</summary>
public sealed class NetworkIpamTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    [Fact]
    public async Task Apply_NetworkWithSubnetAndFixedAddress_ContainerHasTheAddressAndNetworkReadsBack()
    {
        // A subnet of its own per run, so parallel runs on one engine do not collide.
        var octet = 100 + (Math.Abs(Project.GetHashCode(StringComparison.Ordinal)) % 100);
        var subnet = $"10.{octet}.77.0/24";
        var address = $"10.{octet}.77.23";
        var ipam = new NetworkIpam(null, ValueList.Of(new IpamPool(subnet, null, null, ValueMap<string>.Empty)), ValueMap<string>.Empty);
        var spec = StackPlans.Web("v1") with
        {
            Networks = ValueMap.From([KeyValuePair.Create("front", new NetworkAttachment(ValueList<string>.Empty, address))]),
        };
        var stack = Stack(spec);
        stack = stack with { Networks = stack.Networks.With("front", stack.Networks["front"] with { Ipam = ipam }) };

        await DeployAsync(stack);

        var actual = await ReadStackAsync(stack, fullDrift: true);
        var container = Assert.Single(actual.Containers);
        var inspect = await InspectAsync(container.Id);
        Assert.Equal(address, inspect.NetworkSettings.Networks[Project + "_front"].IPAddress);
        Assert.Equal(ipam, actual.Networks["front"].Spec.Ipam);
        Assert.Empty(NetworkDiff.Between(stack.Networks["front"], actual.Networks["front"].Spec));
        Assert.Empty(ServiceDiff.Between(spec, container.Spec));
    }
}
