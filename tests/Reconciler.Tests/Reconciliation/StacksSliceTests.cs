using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reconciliation.Slices;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tests.Planning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitOps.Reconciler.Tests.Reconciliation;

public class StacksSliceTests
{
    [Fact]
    public async Task PlanAsync_EngineAway_ActualStateUnreadableSaysSo()
    {
        var engine = Substitute.For<IDockerEngine>();
        engine.Containers.ListAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new HttpRequestException("connection refused"));
        var slice = new StacksSlice(
            new DockerProbe(engine),
            new ComposeExecutor(engine, new ComposeExecutorOptions { StateDirectory = Path.GetTempPath() }, new FakeTimeProvider(), NullLogger<ComposeExecutor>.Instance),
            Substitute.For<IReconcileMemory>(), NullLogger<StacksSlice>.Instance);

        var failure = await Assert.ThrowsAsync<ActualStateUnreadableException>(() =>
            slice.PlanAsync(new KindPlanRequest(Given.Desired(), new RepoDirectory(Path.GetTempPath()), FullDrift: false), CancellationToken.None));

        Assert.Equal("Docker engine unreachable: connection refused", failure.Message);
    }
}
