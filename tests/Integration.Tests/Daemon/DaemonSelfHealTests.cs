using Docker.DotNet.Models;
using GitOps.Reconciler.Reconciliation;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>Self-heal of the last good revision by the daemon's pass, whatever the newer commits or interruptions do.</summary>
public sealed class DaemonSelfHealTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task Cycle_ManyInvalidCommitsInARow_LastGoodTreeKeptAndSelfHealContinues()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        Assert.Equal(ReconcileStatus.Converged, (await pipeline.Cycle.RunAsync(Token)).Status);
        var good = pipeline.Cycle.LastGood!;

        // More invalid commits than the revision directory keeps trees.
        for (var i = 0; i < 5; i++)
        {
            CommitWeb("v2", $"    bogus{i}: 1\n");
            Assert.Equal(ReconcileStatus.ValidationFailed, (await pipeline.Cycle.RunAsync(Token)).Status);
            Assert.True(Directory.Exists(pipeline.Cycle.LastGood!.Tree.Directory), $"the last good tree went after invalid commit {i + 1}");
        }
        var web = (await ContainersAsync())[$"{Project}-web-1"].ID;
        await Fixture.Engine.Containers.StopAsync(web, TimeSpan.FromSeconds(1), Token);

        var result = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.ValidationFailed, result.Status);
        Assert.Equal(good.Commit, pipeline.Cycle.LastGood!.Commit);
        Assert.Equal("running", (await InspectAsync(web)).State!.Status);
    }

    [Fact]
    public async Task Cycle_LastGoodTreeDeleted_MaterializedAgainFromGit()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        CommitWeb("v2", "    bogus: 1\n");
        await pipeline.Cycle.RunAsync(Token);
        Directory.Delete(pipeline.Cycle.LastGood!.Tree.Directory, recursive: true);
        var web = (await ContainersAsync())[$"{Project}-web-1"].ID;
        await Fixture.Engine.Containers.StopAsync(web, TimeSpan.FromSeconds(1), Token);

        await pipeline.Cycle.RunAsync(Token);

        Assert.True(Directory.Exists(pipeline.Cycle.LastGood!.Tree.Directory));
        Assert.Equal("running", (await InspectAsync(web)).State!.Status);
    }

    [Fact]
    public async Task Cycle_SelfHealRestartStoppedAgainDuringItsGate_NotHeldAndStartedByTheNextPass()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        var web = (await ContainersAsync())[$"{Project}-web-1"].ID;
        await StopAsync(web);

        // The operator's second `docker stop` lands while the self-heal restart waits out its gate.
        var healing = pipeline.Cycle.RunAsync(Token);
        await EventuallyAsync(async () => (await InspectAsync(web)).State!.Running || healing.IsCompleted, "the self-heal restarted web");
        await StopAsync(web);
        var interrupted = await healing;

        Assert.Equal(ReconcileStatus.ApplyFailed, interrupted.Status);
        Assert.Empty(pipeline.State.GetPlanningContext().RolledBack);
        var plan = await pipeline.Reconciler.PlanAsync(new(pipeline.Cycle.LastGood!.Tree.Directory), Project, null, fullDrift: false, Token);
        Assert.True(plan.Plan!.HasChanges, "a service that should run and does not must not plan as 'No changes'");

        var healed = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, healed.Status);
        Assert.True((await InspectAsync(web)).State!.Running);
    }

    [Fact]
    public async Task Cycle_ContainerLeftUnderItsTemporaryName_NotInSyncAndRenamed()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        await pipeline.Cycle.RunAsync(Token);
        var web = (await ContainersAsync())[$"{Project}-web-1"].ID;
        // What a kill between "remove old" and "rename new" of a replace leaves.
        await Fixture.Raw.Containers.RenameContainerAsync(web, new ContainerRenameParameters { NewName = $"{Project}-web-1_0123456789ab" }, Token);

        var plan = await pipeline.Reconciler.PlanAsync(new(pipeline.Cycle.LastGood!.Tree.Directory), Project, null, fullDrift: false, Token);
        var change = plan.Plan!.Stacks.Single().Changes.Single(c => c.Name == "web");
        Assert.Equal(GitOps.Reconciler.Planning.ChangeAction.Update, change.Action);
        Assert.Contains(change.Fields, f => f.Field == "name");

        var healed = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, healed.Status);
        var containers = await ContainersAsync();
        Assert.Equal(web, containers[$"{Project}-web-1"].ID);
        Assert.DoesNotContain(containers.Keys, name => name.Contains('_', StringComparison.Ordinal));
        Assert.Equal(GitOps.Reconciler.Reporting.Drift.ReportStatus.InSync, pipeline.Reports.Latest!.Status);
    }

    private Task StopAsync(string id) =>
        Fixture.Raw.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = 1 }, Token);
}
