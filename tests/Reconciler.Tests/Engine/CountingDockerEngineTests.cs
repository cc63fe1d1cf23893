using Docker.DotNet.Models;
using GitOps.Reconciler.Engine;
using NSubstitute;

namespace GitOps.Reconciler.Tests.Engine;

public class CountingDockerEngineTests
{
    private static IDockerEngine Inner()
    {
        var inner = Substitute.For<IDockerEngine>();
        inner.Containers.ListAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromResult<IReadOnlyList<ContainerListResponse>>([]));
        return inner;
    }

    [Fact]
    public async Task Calls_EachOne_CountedByOperationAndToldToTheObserver()
    {
        var told = new List<string>();
        var engine = new CountingDockerEngine(Inner(), told.Add);

        await engine.Containers.ListAsync([], CancellationToken.None);
        await engine.Containers.StartAsync("c1", CancellationToken.None);
        await engine.Images.PullAsync("web:v1", new Progress<JSONMessage>(), CancellationToken.None);

        Assert.Equal(["containers.list", "containers.start", "images.pull"], told);
        Assert.Equal(3, engine.Total);
        Assert.Equal(1, engine.Count("containers.list"));
    }

    [Fact]
    public async Task Calls_WithoutObserver_StillCounted()
    {
        var engine = new CountingDockerEngine(Inner());

        await engine.Networks.RemoveAsync("n1", CancellationToken.None);

        Assert.Equal(1, engine.Count("networks.remove"));
    }
}
