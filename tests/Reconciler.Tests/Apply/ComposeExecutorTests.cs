using Docker.DotNet.Models;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tests.Engine;
using GitOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using ServiceSpec = GitOps.Reconciler.Compose.ServiceSpec;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Apply;

public class ComposeExecutorTests
{
    private readonly IDockerEngine _engine = Substitute.For<IDockerEngine>();

    private ComposeExecutor Executor() => new(
        _engine,
        new ComposeExecutorOptions { StateDirectory = Path.GetTempPath(), SettlePeriod = TimeSpan.Zero },
        TimeProvider.System,
        NullLogger<ComposeExecutor>.Instance);

    private static StackPlan Replace(ServiceSpec spec, ActualContainer old) => new(
        "s1",
        StackAction.Converge,
        null,
        ValueList.Of<ResourceChange>(new ServiceChange(
            "s1", spec.Name, ChangeAction.Replace, ValueList<FieldChange>.Empty, "image changed",
            spec, ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), ValueList.Of(old))));

    private static ActualContainer Old => new("old-id-0123456789", "s1-web-1", "web", 1, "demo/web:v1", "sha256:1", "h1", true, ContainerHealth.None, null);

    [Fact]
    public async Task ApplyStackAsync_PullFails_OldContainerNeverStoppedAndStackFailed()
    {
        var spec = SpecSamples.Minimal with { Image = "demo/web:nope" };
        _engine.Images.InspectAsync(spec.Image, Arg.Any<CancellationToken>()).Returns((ImageInspectResponse?)null);
        _engine.Images.PullAsync(spec.Image, Arg.Any<IProgress<JSONMessage>>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ImagePullException(spec.Image, "manifest unknown"));

        var result = await Executor().ApplyStackAsync(Replace(spec, Old), null, CancellationToken.None);

        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Contains("manifest unknown", result.Reason, StringComparison.Ordinal);
        await _engine.Containers.DidNotReceiveWithAnyArgs().StopAsync(default!, default, default);
        await _engine.Containers.DidNotReceiveWithAnyArgs().CreateAsync(default!, default);
    }

    [Fact]
    public async Task ApplyStackAsync_PlanWithRefusals_AppliesNothing()
    {
        var spec = SpecSamples.Minimal;
        var plan = new Plan("h1", ValueList.Of(Replace(spec, Old)), ValueList.Of("would remove every stack"));

        var result = await Executor().ApplyAsync(plan, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Stacks);
        Assert.Empty(_engine.ReceivedCalls());
    }

    [Fact]
    public async Task ApplyStackAsync_SuspendedStack_TouchesNothing()
    {
        var plan = Replace(SpecSamples.Minimal, Old) with { Action = StackAction.Suspended };

        var result = await Executor().ApplyStackAsync(plan, null, CancellationToken.None);

        Assert.Equal(ApplyStatus.Unchanged, result.Status);
        Assert.Empty(_engine.ReceivedCalls());
    }

    private void ImagePresent(string reference) =>
        _engine.Images.InspectAsync(reference, Arg.Any<CancellationToken>()).Returns(new ImageInspectResponse { ID = "sha256:2" });

    private void ContainerState(string id, string? health) =>
        _engine.Containers.InspectAsync(id, Arg.Any<CancellationToken>()).Returns(new ContainerInspectResponse
        {
            ID = id,
            State = new Docker.DotNet.Models.State { Running = true, Status = "running", Health = health is null ? null! : new Health { Status = health, Log = [] } },
        });

    [Fact]
    public async Task ApplyStackAsync_Replace_CreatesNewBesideOldStopsOldStartsNewThenRemovesOldAndRenames()
    {
        var spec = SpecSamples.Minimal with { Image = "demo/web:v2" };
        ImagePresent(spec.Image);
        _engine.Containers.CreateAsync(Arg.Any<CreateContainerParameters>(), Arg.Any<CancellationToken>()).Returns("new-id-0123456789");
        ContainerState("new-id-0123456789", health: null);

        var result = await Executor().ApplyStackAsync(Replace(spec, Old), null, CancellationToken.None);

        Assert.Equal(ApplyStatus.Applied, result.Status);
        Received.InOrder(() =>
        {
            _engine.Containers.CreateAsync(Arg.Is<CreateContainerParameters>(p => p.Name!.StartsWith("s1-web-1_", StringComparison.Ordinal)), Arg.Any<CancellationToken>());
            _engine.Containers.StopAsync(Old.Id, Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>());
            _engine.Containers.StartAsync("new-id-0123456789", Arg.Any<CancellationToken>());
            _engine.Containers.RemoveAsync(Old.Id, true, Arg.Any<CancellationToken>());
            _engine.Containers.RenameAsync("new-id-0123456789", "s1-web-1", Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task ApplyStackAsync_ReplacementUnhealthy_RemovesNewStartsOldAndReportsRolledBack()
    {
        var spec = SpecSamples.Minimal with
        {
            Image = "demo/web:broken",
            Healthcheck = new HealthcheckSpec(ValueList.Of("CMD", "false"), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1),
        };
        ImagePresent(spec.Image);
        _engine.Containers.CreateAsync(Arg.Any<CreateContainerParameters>(), Arg.Any<CancellationToken>()).Returns("new-id-0123456789");
        ContainerState("new-id-0123456789", health: "unhealthy");

        var result = await Executor().ApplyStackAsync(Replace(spec, Old), null, CancellationToken.None);

        var web = Assert.Single(result.Resources);
        Assert.Equal(ApplyStatus.RolledBack, web.Status);
        Assert.Equal(ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), web.FailedConfigHash);
        Received.InOrder(() =>
        {
            _engine.Containers.StartAsync("new-id-0123456789", Arg.Any<CancellationToken>());
            _engine.Containers.RemoveAsync("new-id-0123456789", true, Arg.Any<CancellationToken>());
            _engine.Containers.StartAsync(Old.Id, Arg.Any<CancellationToken>());
        });
        await _engine.Containers.DidNotReceive().RemoveAsync(Old.Id, Arg.Any<bool>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ApplyStackAsync_HealthGate_EndsOnTheContainersEventNotAtThePollInterval()
    {
        var spec = SpecSamples.Minimal with
        {
            Image = "demo/web:v2",
            Healthcheck = new HealthcheckSpec(ValueList.Of("CMD", "true"), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1),
        };
        ImagePresent(spec.Image);
        _engine.Containers.CreateAsync(Arg.Any<CreateContainerParameters>(), Arg.Any<CancellationToken>()).Returns("new-id-0123456789");
        var healthy = false;
        var inspects = 0;
        _engine.Containers.InspectAsync("new-id-0123456789", Arg.Any<CancellationToken>()).Returns(_ =>
        {
            Interlocked.Increment(ref inspects);
            return new ContainerInspectResponse
            {
                ID = "new-id-0123456789",
                State = new Docker.DotNet.Models.State
                {
                    Running = true,
                    Status = "running",
                    Health = new Health { Status = Volatile.Read(ref healthy) ? "healthy" : "starting", Log = [] },
                },
            };
        });
        var changes = new ContainerChanges();
        // The clock never moves: only the container's event can end the gate's pause.
        var executor = new ComposeExecutor(
            _engine,
            new ComposeExecutorOptions { StateDirectory = Path.GetTempPath(), SettlePeriod = TimeSpan.Zero },
            new FakeTimeProvider(DateTimeOffset.UnixEpoch),
            NullLogger<ComposeExecutor>.Instance) { Changes = changes };

        var applying = executor.ApplyStackAsync(Replace(spec, Old), null, CancellationToken.None);
        await Eventually.TrueAsync(() => Volatile.Read(ref inspects) >= 1 && changes.Pending == 1, "the gate waits on the new container");
        Volatile.Write(ref healthy, true);
        changes.Notify("new-id-0123456789");
        var result = await applying.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ApplyStatus.Applied, result.Status);
        Assert.Equal(2, Volatile.Read(ref inspects));
        Assert.Equal(0, changes.Pending);
    }
}
