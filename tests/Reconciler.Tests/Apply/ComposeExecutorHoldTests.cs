using Docker.DotNet.Models;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tests.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using ServiceSpec = GitOps.Reconciler.Compose.ServiceSpec;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Apply;

/// <summary>Which spec a failed health gate holds: only one that failed its own gate, never the last good one.</summary>
public sealed class ComposeExecutorHoldTests
{
    private const string NewId = "new-id-0123456789abcdef";
    private readonly IDockerEngine _engine = Substitute.For<IDockerEngine>();

    public ComposeExecutorHoldTests()
    {
        _engine.Images.InspectAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(SimulatedEngine.Image);
        _engine.Containers.CreateAsync(Arg.Any<CreateContainerParameters>(), Arg.Any<CancellationToken>()).Returns(NewId);
        // The container exits as soon as it is started: its gate fails.
        _engine.Containers.InspectAsync(NewId, Arg.Any<CancellationToken>())
            .Returns(new ContainerInspectResponse { ID = NewId, State = new Docker.DotNet.Models.State { Running = false, Status = "exited", ExitCode = 1 } });
    }

    private ComposeExecutor Executor() => new(
        _engine,
        new ComposeExecutorOptions { StateDirectory = Path.GetTempPath(), SettlePeriod = TimeSpan.Zero },
        TimeProvider.System,
        NullLogger<ComposeExecutor>.Instance);

    private static StackPlan Create(ServiceSpec spec, string? lastGood) => new(
        "s1",
        StackAction.Converge,
        null,
        ValueList.Of<ResourceChange>(new ServiceChange(
            "s1", spec.Name, ChangeAction.Create, ValueList<FieldChange>.Empty, PlanReasons.NotDeployed,
            spec, ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), ValueList<GitOps.Reconciler.Actual.ActualContainer>.Empty) { LastGoodConfigHash = lastGood }));

    [Fact]
    public async Task ApplyStackAsync_NewSpecFailsItsGate_Held()
    {
        var spec = SpecSamples.Minimal;

        var result = await Executor().ApplyStackAsync(Create(spec, lastGood: null), null, CancellationToken.None);

        var web = Assert.Single(result.Resources);
        Assert.Equal(ApplyStatus.Failed, web.Status);
        Assert.Equal(ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), web.FailedConfigHash);
    }

    [Fact]
    public async Task ApplyStackAsync_LastGoodSpecRecreatedFailsItsGate_NotHeld()
    {
        var spec = SpecSamples.Minimal;

        var result = await Executor().ApplyStackAsync(Create(spec, lastGood: ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed)), null, CancellationToken.None);

        var web = Assert.Single(result.Resources);
        Assert.Equal(ApplyStatus.Failed, web.Status);
        Assert.Null(web.FailedConfigHash);
    }
}
