// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Stacks;
using GitOps.Integration.Tests.Infrastructure;
using Message = Docker.DotNet.Models.Message;

namespace GitOps.Integration.Tests.Apply;

/// <summary>
/// Services of one stack that do not depend on each other start and pass their gates side by side; depends_on still
/// orders the rest. Proved by the engine's own event log, not by timings.
/// </summary>
public sealed class ParallelServicesTests(EngineFixture fixture) : EngineTest(fixture)
{
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow.AddSeconds(-1);

    /// <summary>
    /// Healthy only after the first check, <paramref name="seconds"/> after start: long enough to see what starts
    /// meanwhile. Where a test asserts that something starts before a gate ends, the gate is long, so that a loaded
    /// engine taking seconds between a create and its start cannot end it first.
    /// </summary>
    private static ServiceSpec Slow(string name, int seconds = 12) => StackPlans.Web("v1", name) with
    {
        Healthcheck = StackPlans.HttpHealthcheck with { Interval = TimeSpan.FromSeconds(seconds) },
    };

    [Fact]
    public async Task Apply_IndependentServices_BothStartBeforeEitherIsHealthy()
    {
        var stack = Stack(Slow("a"), Slow("b"));

        await DeployAsync(stack, [.. DependencyOrder.Of(stack.Services)]);

        var ids = (await ReadStackAsync()).Containers.ToDictionary(c => c.Service, c => c.Id);
        var events = await EventsAsync();
        var firstHealthy = events.FindIndex(e => e.Action == "health_status: healthy");
        var starts = ids.Values.Select(id => events.FindIndex(e => e.Actor.ID == id && e.Action == "start")).ToList();
        Assert.True(firstHealthy >= 0, "no service reported healthy: " + Describe(events));
        Assert.All(starts, start => Assert.True(start >= 0 && start < firstHealthy, "a gate ended before both services started: " + Describe(events)));
    }

    [Fact]
    public async Task Apply_ServiceStartedChain_EachStartsOnceTheOneBeforeRunsBeforeItIsHealthy()
    {
        var stack = Stack(Slow("a"), Slow("b").After("a"), Slow("c").After("b"), Slow("independent"));

        var result = await DeployAsync(stack, [.. DependencyOrder.Of(stack.Services)]);

        var ids = (await ReadStackAsync()).Containers.ToDictionary(c => c.Service, c => c.Id);
        var events = await EventsAsync();
        int Index(string service, string action) => events.FindIndex(e => e.Actor.ID == ids[service] && e.Action == action);
        // Compose's service_started: the dependent starts once its dependency runs, and the gates overlap.
        Assert.True(Index("a", "start") is >= 0 and var aStarted && aStarted < Index("b", "start"), Describe(events));
        Assert.True(Index("b", "start") < Index("a", "health_status: healthy"), Describe(events));
        Assert.True(Index("c", "start") < Index("b", "health_status: healthy"), Describe(events));
        Assert.True(Index("independent", "start") < Index("a", "health_status: healthy"), Describe(events));
        Assert.All(result.Resources, r => Assert.Equal(ApplyStatus.Applied, r.Status));
    }

    [Fact]
    public async Task Apply_ServiceHealthyChain_EachStartsAfterTheOneBeforeIsHealthy()
    {
        // Only "healthy before the next starts" is asserted here, which no delay can break: short gates.
        var stack = Stack(
            Slow("a", 4),
            Slow("b", 4).After("a", DependencyCondition.ServiceHealthy),
            Slow("c", 4).After("b", DependencyCondition.ServiceHealthy));

        await DeployAsync(stack, [.. DependencyOrder.Of(stack.Services)]);

        var ids = (await ReadStackAsync()).Containers.ToDictionary(c => c.Service, c => c.Id);
        var events = await EventsAsync();
        int Index(string service, string action) => events.FindIndex(e => e.Actor.ID == ids[service] && e.Action == action);
        Assert.True(Index("a", "health_status: healthy") is >= 0 and var aHealthy && aHealthy < Index("b", "start"), Describe(events));
        Assert.True(Index("b", "health_status: healthy") is >= 0 and var bHealthy && bHealthy < Index("c", "start"), Describe(events));
    }

    /// <summary>This project's container events since the test began, in the engine's order.</summary>
    private Task<List<Message>> EventsAsync() => ProjectEvents.ReadAsync(Fixture.Raw, Project, _started, Token);

    private static string Describe(IEnumerable<Message> events) => ProjectEvents.Describe(events);
}

internal static class DependsOnSpec
{
    public static ServiceSpec After(this ServiceSpec spec, string dependency, DependencyCondition condition = DependencyCondition.ServiceStarted) =>
        spec with { DependsOn = spec.DependsOn.With(dependency, new Dependency(condition)) };
}
