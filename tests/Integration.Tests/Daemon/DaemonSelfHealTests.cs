using GitOps.Reconciler.Reconciliation;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>Self-heal of the last good revision by the daemon's pass, whatever the newer commits or interruptions do.</summary>
public sealed class DaemonSelfHealTests(EngineFixture fixture) : DaemonTest(fixture)
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
}
