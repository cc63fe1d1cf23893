using System.Formats.Tar;
using Docker.DotNet.Models;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Compose;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Integration.Tests.Apply;

/// <summary>A registry that stops sending mid-layer, on the real engine: the pull fails after the progress timeout.</summary>
[Collection(ExclusiveEngineCollection.Name)]
public sealed class PullStallTests(EngineFixture fixture) : EngineTest(fixture)
{
    [Fact]
    public async Task Apply_RegistryStallsMidLayer_PullFailsAfterProgressTimeoutOldContainerKept()
    {
        var repository = $"stall-{Project}/blob";
        await PushUniqueImageAsync(repository);
        using var proxy = new StallingProxy(5000, stallAfterBytes: 256 * 1024);
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var actual = await ReadStackAsync();
        var old = actual.Containers.Single(c => c.Service == "web");
        var stalled = StackPlans.Web("v1") with { Image = $"127.0.0.1:{proxy.Port}/{repository}:v1" };
        var executor = new ComposeExecutor(
            Engine,
            new ComposeExecutorOptions
            {
                StateDirectory = Path.Combine(Fixture.StateDirectory, "state"),
                SettlePeriod = TimeSpan.FromSeconds(1),
                PullProgressTimeout = TimeSpan.FromSeconds(3),
            },
            TimeProvider.System,
            NullLogger<ComposeExecutor>.Instance);

        var result = await executor.ApplyStackAsync(StackPlans.Replace(Stack(stalled), actual, "web"), null, Token);

        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Contains("no progress from the registry", result.Reason, StringComparison.Ordinal);
        Assert.True(proxy.Stalled > 0, "the proxy never stalled: the layer was not downloaded through it");
        Assert.True((await InspectAsync(old.Id)).State!.Running);
    }

    /// <summary>Imports a layer of random bytes (so the engine has no layer of it), pushes it, and removes it locally.</summary>
    private async Task PushUniqueImageAsync(string repository)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            var data = new byte[2 * 1024 * 1024];
            Random.Shared.NextBytes(data);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "data.bin") { DataStream = new MemoryStream(data) };
            writer.WriteEntry(entry);
        }
        tar.Position = 0;
        var name = $"{EngineFixture.Registry}/{repository}";
        await Fixture.Raw.Images.CreateImageAsync(new ImagesCreateParameters { FromSrc = "-", Repo = name, Tag = "v1" }, tar, null, new Progress<JSONMessage>(), Token);
        await Fixture.Raw.Images.PushImageAsync(name + ":v1", new ImagePushParameters { Tag = "v1" }, new AuthConfig(), new Progress<JSONMessage>(), Token);
        await Fixture.Raw.Images.DeleteImageAsync(name + ":v1", new ImageDeleteParameters { Force = true }, Token);
    }
}
