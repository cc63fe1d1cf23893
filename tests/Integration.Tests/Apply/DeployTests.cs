using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Secrets;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

public sealed class DeployTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    [Fact]
    public async Task Apply_FirstDeploy_ContainersCarryComposeLabelsAndNames()
    {
        var stack = Stack(StackPlans.Web("v1"), new ServiceSpec
        {
            Name = "redis",
            Image = EngineFixture.Image("redis:7.2"),
            Networks = ValueMap.From([KeyValuePair.Create("default", NetworkAttachment.Plain)]),
        });

        await DeployAsync(stack);

        var byProject = await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={Project}"], Token);
        Assert.Equal([$"/{Project}-redis-1", $"/{Project}-web-1"], byProject.Select(c => c.Names[0]).Order(StringComparer.Ordinal));
        var web = byProject.Single(c => c.Labels["com.docker.compose.service"] == "web");
        Assert.Equal("running", web.State);
        Assert.Equal("1", web.Labels["com.docker.compose.container-number"]);
        Assert.Equal("False", web.Labels["com.docker.compose.oneoff"]);
        Assert.Equal(ServiceSpecHash.Of(stack.Services["web"], ConfigHashKey.Unkeyed), web.Labels["com.docker.compose.config-hash"]);
        Assert.Equal(WorkingDir, web.Labels["com.docker.compose.project.working_dir"]);
        Assert.Equal("true", web.Labels[EngineLabels.Managed]);
        var network = Assert.Single(await Fixture.Engine.Networks.ListAsync([$"com.docker.compose.project={Project}"], Token));
        Assert.Equal(Project + "_default", network.Name);
    }

    [Fact]
    public async Task Apply_ImageNotPresentLocally_PullsAndReportsProgress()
    {
        var spec = new ServiceSpec
        {
            Name = "chatbot",
            Image = EngineFixture.Image("chatbot:2.0.1"),
            Networks = ValueMap.From([KeyValuePair.Create("default", NetworkAttachment.Plain)]),
        };
        // No other test of the parallel collections uses this image (the demo script, which does, runs alone).
        await Fixture.RemoveLocalImageAsync(spec.Image);

        await DeployAsync(Stack(spec));

        Assert.Contains(Events, e => e.Phase == ApplyPhase.Pulling);
        // The engine sends byte progress only while a layer downloads long enough; a 1 MB layer on loopback may not.
        Assert.All(Events.Where(e => e.Total is not null), e => Assert.InRange(e.Current!.Value, 0, e.Total!.Value));
        Assert.Equal(1, Engine.Count("images.pull"));
        Assert.Contains(Events, e => e.Phase == ApplyPhase.Done && e.Resource == "chatbot");
    }

    [Fact]
    public async Task Apply_SecondDeployOfPresentImage_DoesNotPull()
    {
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var actual = await ReadStackAsync();
        await ApplyAsync(StackPlans.Teardown(actual, removeVolumes: false));
        Engine.Reset();

        await DeployAsync(Stack(StackPlans.Web("v1")));

        Assert.Equal(0, Engine.Count("images.pull"));
    }

    [Fact]
    public async Task Apply_Teardown_RemovesContainersAndNetworksKeepsVolumes()
    {
        var spec = StackPlans.Web("v1") with
        {
            Mounts = ValueList.Of(new MountSpec(MountType.Volume, "data", "/data", ReadOnly: false)),
        };
        await DeployAsync(Stack(spec));
        var actual = await ReadStackAsync();

        var result = await ApplyAsync(StackPlans.Teardown(actual, removeVolumes: false));

        Assert.Equal(ApplyStatus.Applied, result.Status);
        Assert.Empty(await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={Project}"], Token));
        Assert.Empty(await Fixture.Engine.Networks.ListAsync([$"com.docker.compose.project={Project}"], Token));
        var volume = Assert.Single(await Fixture.Engine.Volumes.ListAsync([$"com.docker.compose.project={Project}"], Token));
        Assert.Equal(Project + "_data", volume.Name);
    }

    [Fact]
    public async Task Apply_TeardownWithVolumesOptIn_RemovesTheVolumesToo()
    {
        var spec = StackPlans.Web("v1") with
        {
            Healthcheck = null,
            Mounts = ValueList.Of(new MountSpec(MountType.Volume, "data", "/data", ReadOnly: false)),
        };
        await DeployAsync(Stack(spec));

        var result = await ApplyAsync(StackPlans.Teardown(await ReadStackAsync(), removeVolumes: true));

        Assert.Equal(ApplyStatus.Applied, result.Status);
        Assert.Empty(await Fixture.Engine.Volumes.ListAsync([$"com.docker.compose.project={Project}"], Token));
    }
}
