using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

/// <summary>A registry that stops sending mid-layer, on the real engine: the pull fails after the progress timeout.</summary>
[Collection(ExclusiveEngineCollection.Name)]
public sealed class PullStallTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    [Fact]
    public async Task Apply_RegistryStallsMidLayer_PullFailsAfterProgressTimeoutOldContainerKept()
    {
        var repository = $"stall-{Project}/blob";
        await UniqueImage.PushAsync(Fixture.Raw, repository, Token);
        using var proxy = new StallingProxy(5000, stallAfterBytes: 256 * 1024);
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var actual = await ReadStackAsync();
        var old = actual.Containers.Single(c => c.Service == "web");
        var stalled = StackPlans.Web("v1") with { Image = $"127.0.0.1:{proxy.Port}/{repository}:v1" };
        var executor = ExecutorWithShortPullTimeout();

        var result = await executor.ApplyStackAsync(StackPlans.Replace(Stack(stalled), actual, "web"), null, Token);

        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Contains("no progress from the registry", result.Reason, StringComparison.Ordinal);
        Assert.True(proxy.Stalled > 0, "the proxy never stalled: the layer was not downloaded through it");
        Assert.True((await InspectAsync(old.Id)).State!.Running);
    }

    [Fact]
    public async Task PullStage_RegistryStallsMidLayer_ApplyFailsTheServiceWithThatErrorWithoutPullingAgain()
    {
        var repository = $"stall-{Project}/blob";
        await UniqueImage.PushAsync(Fixture.Raw, repository, Token);
        using var proxy = new StallingProxy(5000, stallAfterBytes: 256 * 1024);
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var actual = await ReadStackAsync();
        var old = actual.Containers.Single(c => c.Service == "web");
        var stalled = StackPlans.Web("v1") with { Image = $"127.0.0.1:{proxy.Port}/{repository}:v1" };
        var executor = ExecutorWithShortPullTimeout();
        var plan = StackPlans.Replace(Stack(stalled), actual, "web");

        var pulled = await executor.PullAsync([plan], null, Token);
        var pulls = Engine.Count("images.pull");
        var applied = await executor.ApplyStacksAsync(ValueList.Of(plan), null, pulled, Token);

        Assert.Contains(stalled.Image, pulled.Failed.Keys);
        var result = Assert.Single(applied);
        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Contains("no progress from the registry", result.Reason, StringComparison.Ordinal);
        Assert.Equal(pulls, Engine.Count("images.pull"));
        Assert.True((await InspectAsync(old.Id)).State!.Running);
    }

    private ComposeExecutor ExecutorWithShortPullTimeout() => new(
        Engine,
        new ComposeExecutorOptions
        {
            StateDirectory = Path.Combine(Fixture.StateDirectory, "state"),
            SettlePeriod = TimeSpan.FromSeconds(1),
            PullProgressTimeout = TimeSpan.FromSeconds(3),
        },
        TimeProvider.System,
        Loggers.CreateLogger<ComposeExecutor>());
}
