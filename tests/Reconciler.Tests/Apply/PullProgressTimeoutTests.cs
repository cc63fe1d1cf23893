using Docker.DotNet.Models;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tests.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using ServiceSpec = GitOps.Reconciler.Compose.ServiceSpec;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Apply;

/// <summary>A registry that stops sending mid-pull: the pull fails after the progress timeout, the old container untouched.</summary>
public sealed class PullProgressTimeoutTests
{
    private readonly IDockerEngine _engine = Substitute.For<IDockerEngine>();
    private readonly FakeTimeProvider _time = new();
    // Released each time the fake pull has armed its next wait on the clock, so the test never advances past a
    // message the pull has not yet reported: that race, not the product, is what a loaded machine would otherwise test.
    private readonly SemaphoreSlim _pullWaiting = new(0);

    private ComposeExecutor Executor() => new(
        _engine,
        new ComposeExecutorOptions { StateDirectory = Path.GetTempPath(), SettlePeriod = TimeSpan.Zero, PullProgressTimeout = TimeSpan.FromSeconds(30) },
        _time,
        NullLogger<ComposeExecutor>.Instance);

    private static StackPlan Replace(ServiceSpec spec) => new(
        "s1",
        StackAction.Converge,
        null,
        ValueList.Of<ResourceChange>(new ServiceChange(
            "s1", spec.Name, ChangeAction.Replace, ValueList<FieldChange>.Empty, "image changed",
            spec, ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed),
            ValueList.Of(new ActualContainer("old-id-0123456789", "s1-web-1", "web", 1, "demo/web:v1", "sha256:1", "h1", true, ContainerHealth.None, null)))));

    /// <summary>Sends <paramref name="messages"/> progress messages (one per 20 s of fake time), then nothing until cancelled.</summary>
    private void PullSendsThenStalls(string image, int messages)
    {
        _engine.Images.InspectAsync(image, Arg.Any<CancellationToken>()).Returns((ImageInspectResponse?)null);
        _engine.Images.PullAsync(image, Arg.Any<IProgress<JSONMessage>>(), Arg.Any<CancellationToken>()).Returns(async call =>
        {
            var progress = call.Arg<IProgress<JSONMessage>>();
            var token = call.Arg<CancellationToken>();
            for (var i = 0; i < messages; i++)
            {
                var next = Task.Delay(TimeSpan.FromSeconds(20), _time, token);
                _pullWaiting.Release();
                await next;
                progress.Report(new JSONMessage { ID = "layer", Progress = new JSONProgress { Current = i + 1, Total = 100 } });
            }
            var never = Task.Delay(Timeout.InfiniteTimeSpan, token);
            _pullWaiting.Release();
            await never;
        });
    }

    /// <summary>Steps the clock 20 s per message, each step only once the pull waits for it, then until the apply ends.</summary>
    private async Task AdvanceUntilDoneAsync(Task task, int messages)
    {
        for (var i = 0; i < messages; i++)
        {
            await WaitForThePullAsync();
            _time.Advance(TimeSpan.FromSeconds(20));
        }
        await WaitForThePullAsync();
        await Eventually.AdvanceUntilAsync(_time, () => task.IsCompleted, TimeSpan.FromSeconds(10), "the apply ended");
    }

    private async Task WaitForThePullAsync() =>
        Assert.True(await _pullWaiting.WaitAsync(TimeSpan.FromSeconds(30)), "the pull never reached its next wait");

    [Fact]
    public async Task ApplyStackAsync_RegistryStallsMidPull_FailsAfterProgressTimeoutOldKept()
    {
        var spec = SpecSamples.Minimal with { Image = "demo/web:stalls" };
        PullSendsThenStalls(spec.Image, messages: 0);

        var applying = Executor().ApplyStackAsync(Replace(spec), null, CancellationToken.None);
        await AdvanceUntilDoneAsync(applying, messages: 0);

        Assert.True(applying.IsCompleted, "the pull never timed out");
        var result = await applying;
        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Contains("no progress from the registry for 30s", result.Reason, StringComparison.Ordinal);
        await _engine.Containers.DidNotReceiveWithAnyArgs().StopAsync(default!, default, default);
    }

    [Fact]
    public async Task ApplyStackAsync_SlowButSteadyPull_NotCutOffByTheTimeout()
    {
        var spec = SpecSamples.Minimal with { Image = "demo/web:slow" };
        // Three messages 20 s apart: 60 s in all, longer than the timeout, but never 30 s without progress.
        PullSendsThenStalls(spec.Image, messages: 3);

        var applying = Executor().ApplyStackAsync(Replace(spec), null, CancellationToken.None);
        await AdvanceUntilDoneAsync(applying, messages: 3);

        var result = await applying;
        Assert.Contains("no progress", result.Reason, StringComparison.Ordinal);
        Assert.True(_time.GetUtcNow() - _time.Start >= TimeSpan.FromSeconds(80), "cut off while progress still arrived");
    }
}
