using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reconciliation;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Pipeline;

public sealed class SyncTests(EngineFixture fixture, ITestOutputHelper output) : PipelineTest(fixture, output)
{
    [Fact]
    public async Task Sync_FirstDeployThenAgain_SecondTouchesNothing()
    {
        Repo.Stack(Project, Compose(Web("v1"), Web("v1", name: "api")));

        var first = await SyncOkAsync();
        var before = await ContainerIdsAsync();
        Engine.Reset();
        var second = await SyncOkAsync();

        Assert.Equal(ReconcileStatus.Converged, first.Status);
        Assert.Equal(ReconcileStatus.Unchanged, second.Status);
        Assert.Equal(before, await ContainerIdsAsync());
        Assert.Equal(0, Engine.Count("images.pull"));
        Assert.Equal(0, Engine.Count("containers.create"));
    }

    [Fact]
    public async Task Plan_NoOpReconcile_CostsTheSameCallsForOneOrManyContainers()
    {
        Repo.Stack(Project, Compose(Web("v1")));
        await SyncOkAsync();
        Engine.Reset();
        await PlanAsync();
        var single = Engine.Total;

        Repo.Stack(Project, Compose(Web("v1") + "    scale: 3\n", Web("v1", name: "api"), Web("v1", name: "worker")));
        await SyncOkAsync();
        Engine.Reset();
        var result = await PlanAsync();

        Assert.False(result.Plan!.HasChanges);
        Assert.Equal(single, Engine.Total);
        Assert.Equal(0, Engine.Count("containers.inspect"));
    }

    [Fact]
    public async Task Sync_TagChanged_ReplacesOnlyThatService()
    {
        Repo.Stack(Project, Compose(Web("v1"), Web("v1", name: "api")));
        await SyncOkAsync();
        var before = await ContainerIdsAsync();

        Repo.Stack(Project, Compose(Web("v2"), Web("v1", name: "api")));
        var result = await SyncOkAsync();
        var after = await ContainerIdsAsync();

        var change = Service(result, Project, "web");
        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Contains(change.Fields, f => f.Field == "image" && f.Desired!.EndsWith(":v2", StringComparison.Ordinal));
        Assert.NotEqual(before["web"], after["web"]);
        Assert.Equal(before["api"], after["api"]);
        Assert.EndsWith(":v2", (await InspectAsync(after["web"])).Config!.Image, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_EnvironmentChanged_PlanNamesTheVariableAndContainerGetsIt()
    {
        Repo.Stack(Project, Compose(Web("v1", env: "MODE: slow")));
        await SyncOkAsync();

        Repo.Stack(Project, Compose(Web("v1", env: "MODE: fast")));
        var plan = await PlanAsync(fullDrift: true);
        var result = await SyncOkAsync();

        Assert.Contains(Service(plan, Project, "web").Fields, f => f.Field == "environment.MODE" && f.Desired == "fast" && f.Actual == "slow");
        var env = (await InspectAsync((await ContainerIdsAsync())["web"])).Config!.Env;
        Assert.Contains("MODE=fast", env);
        Assert.Equal(ReconcileStatus.Converged, result.Status);
    }

    [Fact]
    public async Task Sync_ServiceRemovedFromStack_OrphanRemoved()
    {
        Repo.Stack(Project, Compose(Web("v1"), Web("v1", name: "api")));
        await SyncOkAsync();

        Repo.Stack(Project, Compose(Web("v1")));
        var result = await SyncOkAsync();

        Assert.Equal(ChangeAction.Delete, Service(result, Project, "api").Action);
        Assert.Equal(["web"], (await ContainerIdsAsync()).Keys);
    }

    [Fact]
    public async Task Sync_StackRemovedFromRepo_TornDownAndVolumeKept()
    {
        var gone = Project + "-gone";
        try
        {
            Repo.Stack(Project, Compose(Web("v1")));
            Repo.Stack(gone, Compose(Web("v1") + "    volumes:\n      - data:/data\n") + "volumes:\n  data:\n");
            await SyncOkAsync();
            Assert.Single(await ContainerIdsAsync(gone));

            Repo.Without(gone);
            var result = await SyncOkAsync();

            Assert.Equal(StackAction.Teardown, result.Plan!.Stacks.Single(s => s.Stack == gone).Action);
            Assert.Empty(await ContainerIdsAsync(gone));
            Assert.Empty(await Fixture.Engine.Networks.ListAsync([$"com.docker.compose.project={gone}"], Token));
            Assert.Single(await Fixture.Engine.Volumes.ListAsync([$"com.docker.compose.project={gone}"], Token));
        }
        finally
        {
            await Fixture.RemoveProjectAsync(gone);
        }
    }

    [Fact]
    public async Task Sync_LastStackRemoved_RefusedUnlessTheRepoAllowsIt()
    {
        Repo.Stack(Project, Compose(Web("v1")));
        await SyncOkAsync();
        Repo.Without(Project);

        var refused = await SyncAsync();
        var kept = await ContainerIdsAsync();
        Repo.Inventory("policy:\n  allowRemoveAllStacks: true\n");
        var allowed = await SyncAsync();

        Assert.Equal(ReconcileStatus.Refused, refused.Status);
        Assert.Single(kept);
        Assert.Equal(ReconcileStatus.Converged, allowed.Status);
        Assert.Empty(await ContainerIdsAsync());
    }

    [Fact]
    public async Task Sync_UnhealthyNewVersion_RolledBackAndNotRetriedUntilTheRepoChanges()
    {
        Repo.Stack(Project, Compose(Web("v1")));
        await SyncOkAsync();
        var before = await ContainerIdsAsync();

        Repo.Stack(Project, Compose(Web("broken")));
        var failed = await SyncAsync();
        var held = await SyncAsync();
        var running = await InspectAsync((await ContainerIdsAsync())["web"]);

        Assert.Equal(ReconcileStatus.HealthCheckFailed, failed.Status);
        Assert.Equal(ReconcileStatus.Unchanged, held.Status);
        Assert.Equal(before["web"], running.ID);
        Assert.True(running.State!.Running);
        Assert.EndsWith(":v1", running.Config!.Image, StringComparison.Ordinal);

        Repo.Stack(Project, Compose(Web("v2")));
        Assert.Equal(ReconcileStatus.Converged, (await SyncAsync()).Status);
    }

    [Fact]
    public async Task Sync_PullFails_OldContainerKeepsRunning()
    {
        Repo.Stack(Project, Compose(Web("v1")));
        await SyncOkAsync();
        var before = await ContainerIdsAsync();

        Repo.Stack(Project, Compose(Web("no-such-tag")));
        var result = await SyncAsync();

        Assert.Equal(ReconcileStatus.ApplyFailed, result.Status);
        Assert.Equal(before, await ContainerIdsAsync());
        Assert.True((await InspectAsync(before["web"])).State!.Running);
    }
}
