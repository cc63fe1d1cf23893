using Docker.DotNet.Models;
using GitOps.Reconciler.Planning;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Pipeline;

/// <summary>Changes made by hand on the host: plan names the resource and field, sync restores it.</summary>
public sealed class HandDriftTests(EngineFixture fixture, ITestOutputHelper output) : PipelineTest(fixture, output)
{
    [Fact]
    public async Task Plan_ContainerStoppedByHand_ShowsStateAndSyncStartsIt()
    {
        Repo.Stack(Project, Compose(Web("v1")));
        await SyncOkAsync();
        var id = (await ContainerIdsAsync())["web"];
        await Fixture.Raw.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = 1 }, Token);

        var change = Service(await PlanAsync(), Project, "web");
        await SyncOkAsync();

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Contains(change.Fields, f => f.Field == "state" && f.Desired == "running");
        Assert.True((await InspectAsync(id)).State!.Running);
    }

    [Fact]
    public async Task Plan_ContainerRemovedByHand_ShowsCreateAndSyncRecreatesIt()
    {
        Repo.Stack(Project, Compose(Web("v1")));
        await SyncOkAsync();
        await Fixture.Raw.Containers.RemoveContainerAsync((await ContainerIdsAsync())["web"], new ContainerRemoveParameters { Force = true }, Token);

        var change = Service(await PlanAsync(), Project, "web");
        await SyncOkAsync();

        Assert.Equal(ChangeAction.Create, change.Action);
        Assert.Single(await ContainerIdsAsync());
    }

    [Fact]
    public async Task Plan_ContainerRecreatedByHandWithOtherEnvironment_ShowsTheVariableAndSyncRestoresIt()
    {
        Repo.Stack(Project, Compose(Web("v1", env: "MODE: slow")));
        await SyncOkAsync();
        var original = await InspectAsync((await ContainerIdsAsync())["web"]);
        await RecreateByHandAsync(original, original.Config!.Image, [.. original.Config!.Env.Where(e => !e.StartsWith("MODE=", StringComparison.Ordinal)), "MODE=hacked"]);

        var change = Service(await PlanAsync(fullDrift: true), Project, "web");
        await SyncAsync(fullDrift: true);

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Contains(change.Fields, f => f.Field == "environment.MODE" && f.Desired == "slow" && f.Actual == "hacked");
        Assert.Contains("MODE=slow", (await InspectAsync((await ContainerIdsAsync())["web"])).Config!.Env);
    }

    [Fact]
    public async Task Plan_ContainerRecreatedByHandWithOtherImage_ShowsImageAndSyncRestoresIt()
    {
        Repo.Stack(Project, Compose(Web("v1")));
        await SyncOkAsync();
        var original = await InspectAsync((await ContainerIdsAsync())["web"]);
        await Fixture.Raw.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = EngineFixture.Image("web"), Tag = "v2" }, null, new Progress<JSONMessage>(), Token);
        await RecreateByHandAsync(original, EngineFixture.Image("web") + ":v2", original.Config!.Env);

        var change = Service(await PlanAsync(), Project, "web");
        await SyncOkAsync();

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Contains(change.Fields, f => f.Field.StartsWith("image", StringComparison.Ordinal));
        Assert.EndsWith(":v1", (await InspectAsync((await ContainerIdsAsync())["web"])).Config!.Image, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_NetworkRemovedByHand_ShowsNetworkAndSyncRestoresIt()
    {
        Repo.Stack(Project, Compose(Web("v1")));
        await SyncOkAsync();
        var network = Project + "_default";
        var id = (await ContainerIdsAsync())["web"];
        await Fixture.Raw.Networks.DisconnectNetworkAsync(network, new NetworkDisconnectParameters { Container = id, Force = true }, Token);
        await Fixture.Raw.Networks.DeleteNetworkAsync(network, Token);

        var plan = await PlanAsync(fullDrift: true);
        await SyncAsync(fullDrift: true);

        var networkChange = plan.Plan!.Stacks.Single().Changes.OfType<NetworkChange>().Single();
        Assert.Equal(ChangeAction.Create, networkChange.Action);
        Assert.Equal(ChangeAction.Replace, Service(plan, Project, "web").Action);
        var restored = await InspectAsync((await ContainerIdsAsync())["web"]);
        Assert.Contains(network, restored.NetworkSettings!.Networks.Keys);
    }

    [Fact]
    public async Task Sync_UnmanagedContainerOfTheSameProject_NeverTouched()
    {
        Repo.Stack(Project, Compose(Web("v1")));
        await SyncOkAsync();
        var unmanaged = await Fixture.Raw.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = EngineFixture.Image("web") + ":v1",
            Name = Project + "-by-hand",
            Labels = new Dictionary<string, string> { ["com.docker.compose.project"] = Project, ["com.docker.compose.service"] = "extra" },
        }, Token);

        var plan = await PlanAsync(fullDrift: true);
        Repo.Inventory("policy:\n  allowRemoveAllStacks: true\n").Without(Project);
        await SyncOkAsync();

        Assert.DoesNotContain(plan.Plan!.Stacks.Single().Changes, c => c.Name == "extra");
        Assert.NotNull(await Fixture.Engine.Containers.InspectAsync(unmanaged.ID, Token));
    }

    /// <summary>What someone does with `docker rm` and `docker run`: same name and labels, another image or environment.</summary>
    private async Task RecreateByHandAsync(ContainerInspectResponse original, string image, IList<string> env)
    {
        await Fixture.Raw.Containers.RemoveContainerAsync(original.ID, new ContainerRemoveParameters { Force = true }, Token);
        var created = await Fixture.Raw.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = original.Name.TrimStart('/'),
            Image = image,
            Env = env,
            Labels = original.Config!.Labels,
            Healthcheck = original.Config!.Healthcheck,
            HostConfig = new HostConfig { NetworkMode = Project + "_default" },
        }, Token);
        await Fixture.Raw.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), Token);
    }
}
