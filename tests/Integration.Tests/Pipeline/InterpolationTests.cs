using GitOps.Reconciler.Reconciliation;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Pipeline;

/// <summary>Interpolated values as they reach a real container.</summary>
public sealed class InterpolationTests(EngineFixture fixture, ITestOutputHelper output) : PipelineTest(fixture, output)
{
    [Fact]
    public async Task Sync_EnvironmentValueInterpolatedToEmpty_ContainerGetsEmptyValueNotTheSameNamedVariable()
    {
        Repo.Inventory("vars:\n  EMPTYVAR: ''\n  MODEL: other\n");
        Repo.Stack(Project, Compose(Web("v1", env: "MODEL: ${EMPTYVAR}\n      KEPT: ${MODEL}")));

        await SyncOkAsync();
        var env = (await InspectAsync((await ContainerIdsAsync())["web"])).Config!.Env;
        var second = await SyncOkAsync();

        Assert.Contains("MODEL=", env);
        Assert.DoesNotContain("MODEL=other", env);
        Assert.Contains("KEPT=other", env);
        Assert.Equal(ReconcileStatus.Unchanged, second.Status);
    }
}
