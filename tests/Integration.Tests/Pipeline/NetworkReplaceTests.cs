using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reconciliation;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Pipeline;

/// <summary>
/// A network whose settings change must be recreated (the engine cannot change one in place) while the containers
/// of the stack are still attached to it; the engine refuses to remove a network with endpoints.
/// </summary>
public sealed class NetworkReplaceTests(EngineFixture fixture, ITestOutputHelper output) : PipelineTest(fixture, output)
{
    [Fact]
    public async Task Sync_NetworkLabelChanged_RecreatesNetworkAndMovesItsServicesOntoIt()
    {
        Repo.Stack(Project, WithBackend(tier: "a"));
        await SyncOkAsync();
        var before = await ContainerIdsAsync();
        var oldNetwork = await BackendIdAsync();

        Repo.Stack(Project, WithBackend(tier: "b"));
        var result = await SyncOkAsync();
        var after = await ContainerIdsAsync();
        var newNetwork = await BackendIdAsync();

        var stack = result.Plan!.Stacks.Single(s => s.Stack == Project);
        Assert.Equal(ChangeAction.Replace, stack.Changes.OfType<NetworkChange>().Single(n => n.Name == "backend").Action);
        Assert.Equal(ChangeAction.Replace, Service(result, Project, "web").Action);
        Assert.NotEqual(oldNetwork, newNetwork);
        Assert.NotEqual(before["web"], after["web"]);
        Assert.Equal(before["api"], after["api"]);
        var web = await InspectAsync(after["web"]);
        Assert.True(web.State!.Running);
        Assert.Equal(newNetwork, web.NetworkSettings!.Networks[Project + "_backend"].NetworkID);
        Assert.False((await PlanAsync()).Plan!.HasChanges, "a second plan after the replace finds nothing to do");
    }

    [Fact]
    public async Task Sync_NetworkChangedAndNewVersionUnhealthy_OldContainerRolledBackOntoTheNewNetwork()
    {
        Repo.Stack(Project, WithBackend(tier: "a"));
        await SyncOkAsync();
        var before = await ContainerIdsAsync();

        Repo.Stack(Project, WithBackend(tier: "b", webTag: "broken"));
        var result = await SyncAsync();
        var web = await InspectAsync((await ContainerIdsAsync())["web"]);

        Assert.Equal(ReconcileStatus.HealthCheckFailed, result.Status);
        Assert.Equal(before["web"], web.ID);
        Assert.True(web.State!.Running);
        Assert.Equal(await BackendIdAsync(), web.NetworkSettings!.Networks[Project + "_backend"].NetworkID);
        Assert.Contains("web", web.NetworkSettings.Networks[Project + "_backend"].Aliases);
    }

    private static string WithBackend(string tier, string webTag = "v1") =>
        Compose(Web(webTag) + "    networks: [backend]\n", Web("v1", name: "api"))
        + $"networks:\n  backend:\n    labels:\n      tier: {tier}\n";

    private async Task<string> BackendIdAsync()
    {
        var networks = await Fixture.Engine.Networks.ListAsync([$"com.docker.compose.project={Project}"], Token);
        return networks.Single(n => n.Name == Project + "_backend").ID;
    }
}
