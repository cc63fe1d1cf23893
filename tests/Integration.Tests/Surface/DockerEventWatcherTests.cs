using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Actual.Events;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Surface;

public sealed class DockerEventWatcherTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    [Fact]
    public async Task RunAsync_ManagedContainerStoppedByHand_CallbackNamesStackServiceAndKind()
    {
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var seen = new List<ContainerEventMatch>();
        var watcher = new DockerEventWatcher(
            Fixture.Engine,
            () => new HashSet<string>(),
            m =>
            {
                lock (seen)
                {
                    seen.Add(m);
                }
            },
            new DockerEventWatcherOptions(),
            TimeProvider.System,
            Loggers.CreateLogger<DockerEventWatcher>());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var run = watcher.RunAsync(stop.Token);

        var result = await Task.Run(() => ProcessRunner.Run("docker", ["stop", "-t", "1", $"{Project}-web-1"]), Token);
        Assert.Equal(0, result.ExitCode);
        await Eventually.TrueAsync(() => Has(seen, ContainerEventKind.Stop), "a stop event for the stack arrives", TimeSpan.FromSeconds(30), Token);
        await stop.CancelAsync();
        await run;

        lock (seen)
        {
            Assert.All(seen.Where(m => m.Stack == Project), m => Assert.Equal("web", m.Service));
            Assert.Contains(seen, m => m.Stack == Project && m.Kind == ContainerEventKind.Die);
        }
    }

    [Fact]
    public async Task RunAsync_ContainerOfAnotherOwnerStoppedInAKnownStack_IgnoredWhileItsOwnerSeesIt()
    {
        var otherOwner = "other-" + Project;
        await Executor(owner: otherOwner).ApplyStackAsync(StackPlans.Deploy(Stack(StackPlans.Web("v1"))), null, Token);
        var ours = new List<ContainerEventMatch>();
        var theirs = new List<ContainerEventMatch>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var runs = new[] { (Project, ours), (otherOwner, theirs) }.Select(w => new DockerEventWatcher(
            Fixture.Engine,
            () => new HashSet<string>(StringComparer.Ordinal) { Project },
            m =>
            {
                lock (w.Item2)
                {
                    w.Item2.Add(m);
                }
            },
            new DockerEventWatcherOptions(),
            TimeProvider.System,
            Loggers.CreateLogger<DockerEventWatcher>())
        {
            Owner = w.Item1,
            IsOwnContainer = _ => w.Item1 == otherOwner,
        }.RunAsync(stop.Token)).ToList();

        var result = await Task.Run(() => ProcessRunner.Run("docker", ["stop", "-t", "1", $"{Project}-web-1"]), Token);
        Assert.Equal(0, result.ExitCode);
        await Eventually.TrueAsync(() => Has(theirs, ContainerEventKind.Stop), "the owner's watcher sees a stop event", TimeSpan.FromSeconds(30), Token);
        await stop.CancelAsync();
        await Task.WhenAll(runs);

        lock (ours)
        {
            Assert.DoesNotContain(ours, m => m.Stack == Project);
        }
    }

    private bool Has(List<ContainerEventMatch> seen, ContainerEventKind kind)
    {
        lock (seen)
        {
            return seen.Any(m => m.Stack == Project && m.Kind == kind);
        }
    }
}
