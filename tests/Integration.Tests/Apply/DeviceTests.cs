// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

/// <summary>devices reach a real container; a GPU request the engine cannot serve fails clearly and keeps the old container.</summary>
public sealed class DeviceTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    [Fact]
    public async Task Apply_DeviceMapping_DeviceInTheContainerAndReadBackEqual()
    {
        var spec = StackPlans.Web("v1") with
        {
            Devices = ValueList.Of(new DeviceSpec("/dev/null", "/dev/xnull")),
            // Healthy only if the device node is there and writable: the deploy's health gate proves it.
            Healthcheck = StackPlans.HttpHealthcheck with { Test = ValueList.Of("CMD", "sh", "-c", "test -c /dev/xnull && echo ok > /dev/xnull") },
        };
        var stack = Stack(spec);

        await DeployAsync(stack);

        var container = Assert.Single((await ReadStackAsync(stack, fullDrift: true)).Containers);
        var inspect = await InspectAsync(container.Id);
        Assert.True(inspect.State.Running, inspect.State.Error);
        var device = Assert.Single(inspect.HostConfig.Devices);
        Assert.Equal(("/dev/null", "/dev/xnull", "rwm"), (device.PathOnHost, device.PathInContainer, device.CgroupPermissions));
        Assert.Empty(ServiceDiff.Between(spec, container.Spec));
        Assert.Equal("healthy", inspect.State.Health.Status);
    }

    [Fact]
    public async Task Apply_GpuRequestWithoutGpuRuntime_FailsClearlyAndTheOldContainerRunsOn()
    {
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var before = (await ReadStackAsync()).Containers.Single();
        var startedAt = (await InspectAsync(before.Id)).State.StartedAt;
        var gpu = StackPlans.Web("v1") with
        {
            DeviceRequests = ValueList.Of(new DeviceRequestSpec("", -1, ValueList<string>.Empty, ValueList.Of("gpu"), ValueMap<string>.Empty)),
        };
        var changed = Stack(gpu);
        Engine.Reset();

        var result = await ApplyAsync(StackPlans.Replace(changed, await ReadStackAsync(changed), "web"));

        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Contains("no device driver on this engine provides [gpu]", result.Reason, StringComparison.Ordinal);
        var after = Assert.Single((await ReadStackAsync()).Containers);
        Assert.Equal(before.Id, after.Id);
        var state = (await InspectAsync(before.Id)).State;
        Assert.True(state.Running);
        // Never stopped and started again: the engine found out before the old container was touched.
        Assert.Equal(startedAt, state.StartedAt);
        Assert.Equal(0, Engine.Count("containers.stop"));
        // The preflight container is gone: the old container is the project's only one.
        var left = await Fixture.Engine.Containers.ListAsync([EngineLabels.Project + "=" + Project], Token);
        Assert.Equal(before.Id, Assert.Single(left).ID);
    }
}
