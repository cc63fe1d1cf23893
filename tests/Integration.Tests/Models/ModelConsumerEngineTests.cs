// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Models;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Models;

/// <summary>
/// A consumer on the real engine: a container that bind-mounts the model path and is healthy only while the model
/// has a file named "ok". A switch restarts it behind its health gate; a version without "ok" makes it unhealthy,
/// and the link and the container go back to the previous version together.
/// </summary>
public sealed class ModelConsumerEngineTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    private readonly ITestOutputHelper _output = output;

    private ServiceSpec Worker(string modelPath) => StackPlans.Web("v1", "worker") with
    {
        Mounts = ValueList.Of(new MountSpec(MountType.Bind, modelPath, "/model", ReadOnly: true)),
        // A missing file fails at once, twice in a row within about 2 s; a check that is only slow (a loaded machine)
        // has 10 s and a second try before a healthy consumer reads as unhealthy.
        Healthcheck = new HealthcheckSpec(ValueList.Of("CMD", "test", "-f", "/model/ok"), Interval: TimeSpan.FromSeconds(1), Timeout: TimeSpan.FromSeconds(10), Retries: 2),
    };

    private async Task<(string Id, string Health, string Started)> WorkerAsync()
    {
        var container = Assert.Single(await Engine.Containers.ListAsync([EngineLabels.Project + "=" + Project, EngineLabels.Service + "=worker"], Token));
        var inspect = await InspectAsync(container.ID);
        return (container.ID, inspect.State.Health?.Status, inspect.State.StartedAt);
    }

    [Fact]
    public async Task Switch_ConsumerUnhealthyOnNewVersion_BothRolledBack_ThenGoodVersionSwitchesWithOneRestart()
    {
        using var h = new ModelHarness(_output);
        h.RealConsumers = new DockerModelConsumers(Engine.Containers, DockerEngine.DefaultEndpoint, EngineLabels.DefaultOwner, TimeProvider.System)
        {
            PollInterval = TimeSpan.FromMilliseconds(200),
        };
        h.NewKind();
        var consumer = Project + "/worker";
        var v1 = h.Model("m", "1", ("ok", ModelHarness.Bytes(100, 1))) with { Consumers = ValueList.Of(consumer) };
        Assert.Equal(ModelStatus.Switched, Assert.Single((await h.PassAsync(v1)).Outcomes).Status);
        await DeployAsync(Stack(Worker(v1.Path)), "worker");
        var before = await WorkerAsync();
        Assert.Equal("healthy", before.Health);

        var bad = h.Model("m", "2", ("not-ok", ModelHarness.Bytes(100, 2))) with { Consumers = ValueList.Of(consumer) };
        var (_, outcomes) = await h.PassAsync(bad);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(ModelStatus.RolledBack, outcome.Status);
        Assert.Contains($"consumer {consumer}", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(h.Store.VersionDirectory("m", v1.Digest), new FileInfo(v1.Path).LinkTarget);
        var after = await WorkerAsync();
        Assert.Equal(before.Id, after.Id);
        // Started again (twice: on the new version, then on the previous one); the same container, not a new one.
        Assert.NotEqual(before.Started, after.Started);
        Assert.Equal("healthy", after.Health);
        Assert.Equal(ModelAction.Held, (await h.PlanAsync(bad)).Changes[0].Step);

        var good = h.Model("m", "3", ("ok", ModelHarness.Bytes(100, 3))) with { Consumers = ValueList.Of(consumer) };
        var (_, switched) = await h.PassAsync(good);

        Assert.Equal(ModelStatus.Switched, Assert.Single(switched).Status);
        var last = await WorkerAsync();
        Assert.NotEqual(after.Started, last.Started);
        Assert.Equal("healthy", last.Health);
    }
}
