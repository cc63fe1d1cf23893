// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

/// <summary>Swap, OOM score and namespace modes reach real containers and read back as deployed.</summary>
public sealed class HostNamespacesTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    [Fact]
    public async Task Apply_MemoryAndNamespaceModes_OnTheContainersAndReadBackEqual()
    {
        var web = StackPlans.Web("v1") with
        {
            Resources = new ResourceLimits(MemoryBytes: 64L << 20),
            // Twice the memory: the engine's own default when unset, so this proves an explicit value reads back.
            MemswapLimit = 128L << 20,
            MemSwappiness = 30,
            OomScoreAdj = 100,
            Ipc = "shareable",
            Pid = "host",
            Uts = "host",
        };
        var side = StackPlans.Web("v1", "side") with { Ipc = "service:web", Pid = "service:web" };
        var stack = Stack(web, side);

        await DeployAsync(stack, "web", "side");

        var actual = await ReadStackAsync(stack, fullDrift: true);
        var webContainer = actual.Containers.Single(c => c.Service == "web");
        var sideContainer = actual.Containers.Single(c => c.Service == "side");
        var inspect = await InspectAsync(webContainer.Id);
        Assert.Equal(("host", "shareable", "host"), (inspect.HostConfig.PidMode, inspect.HostConfig.IpcMode, inspect.HostConfig.UTSMode));
        Assert.Equal((128L << 20, 30L, 100L), (inspect.HostConfig.MemorySwap, inspect.HostConfig.MemorySwappiness, inspect.HostConfig.OomScoreAdj));
        var sideInspect = await InspectAsync(sideContainer.Id);
        Assert.Equal($"container:{webContainer.Id}", sideInspect.HostConfig.IpcMode);
        Assert.True(sideInspect.State.Running, sideInspect.State.Error);
        Assert.Empty(ServiceDiff.Between(web, webContainer.Spec));
        Assert.Empty(ServiceDiff.Between(side, sideContainer.Spec));
    }
}
