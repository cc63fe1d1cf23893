// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using GitOps.Reconciler.Secrets;
using GitOps.Integration.Tests.Infrastructure;
using Message = Docker.DotNet.Models.Message;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;

namespace GitOps.Integration.Tests.Apply;

/// <summary>
/// <c>deploy.update_config.order: start-first</c> on the real engine, proved by the engine's own event log: the new
/// container is healthy before the old one gets a signal, a failed one never stops the old one, a fixed host port
/// never has two copies, and a replace interrupted beside the running old container converges.
/// </summary>
public sealed class StartFirstTests(EngineFixture fixture) : EngineTest(fixture)
{
    private static readonly string[] Stopping = ["kill", "stop", "die"];

    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow.AddSeconds(-1);

    private static ServiceSpec Web(string tag) => StackPlans.Web(tag) with { UpdateOrder = UpdateOrder.StartFirst };

    [Fact]
    public async Task Apply_StartFirst_OldContainerRunsUntilTheNewOneIsHealthy()
    {
        await DeployAsync(Stack(Web("v1")));
        var old = Assert.Single((await ReadStackAsync()).Containers);
        var changed = Stack(Web("v2"));
        var plan = StackPlans.Replace(changed, await ReadStackAsync(changed), "web");
        Assert.Equal(ReplaceOrder.StartFirst, plan.Changes.OfType<ServiceChange>().Single().Order);

        var result = await ApplyAsync(plan);

        Assert.Equal(ApplyStatus.Applied, result.Status);
        var web = Assert.Single((await ReadStackAsync(changed)).Containers);
        Assert.Equal($"{Project}-web-1", web.Name);
        Assert.Equal(EngineFixture.Image("web:v2"), web.ImageReference);
        Assert.True(web.Running);
        var events = await EventsAsync();
        var newHealthy = events.FindIndex(e => e.Actor.ID == web.Id && e.Action == "health_status: healthy");
        var oldSignalled = events.FindIndex(e => e.Actor.ID == old.Id && Stopping.Contains(e.Action));
        Assert.True(newHealthy >= 0, "the new container never reported healthy: " + Describe(events));
        Assert.True(oldSignalled > newHealthy, "the old container was stopped before the new one was healthy: " + Describe(events));
    }

    [Fact]
    public async Task Apply_RetiringContainerLeftByAKilledPass_StoppedAndRemoved()
    {
        await DeployAsync(Stack(Web("v1")));
        var old = Assert.Single((await ReadStackAsync()).Containers);
        // Killed after the old container made way for its replacement, before it was stopped.
        await Fixture.Engine.Containers.RenameAsync(old.Id, ServiceSteps.RetiringName(old.Name, old.Id), Token);
        var left = Assert.Single((await ReadStackAsync()).Containers);
        Assert.True(ServiceSteps.IsRetiring(left));

        await ApplyAsync(new StackPlan(Project, StackAction.Converge, null, ValueList<ResourceChange>.Empty) { Retiring = ValueList.Of(left) });

        Assert.Empty(await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={Project}"], Token));
    }

    [Fact]
    public async Task Apply_StartFirstNewVersionNeverHealthy_OldContainerNeverStopped()
    {
        await DeployAsync(Stack(Web("v1")));
        var old = Assert.Single((await ReadStackAsync()).Containers);
        var startedAt = (await InspectAsync(old.Id)).State.StartedAt;
        var broken = Stack(Web("broken"));

        var result = await ApplyAsync(StackPlans.Replace(broken, await ReadStackAsync(broken), "web"));

        Assert.Equal(ApplyStatus.RolledBack, result.Status);
        Assert.Contains("unhealthy", Assert.Single(result.Resources).Reason, StringComparison.Ordinal);
        var after = Assert.Single((await ReadStackAsync()).Containers);
        Assert.Equal(old.Id, after.Id);
        Assert.Equal($"{Project}-web-1", after.Name);
        Assert.True(after.Running);
        Assert.Equal(startedAt, (await InspectAsync(old.Id)).State.StartedAt);
        Assert.Equal(0, Engine.Count("containers.stop"));
        var events = await EventsAsync();
        Assert.DoesNotContain(events, e => e.Actor.ID == old.Id && Stopping.Contains(e.Action));
        // The new container did run beside it before it was removed.
        Assert.Contains(events, e => e.Actor.ID != old.Id && e.Action == "start");
    }

    [Fact]
    public async Task Apply_StartFirstOnAFixedHostPort_OldContainerStoppedBeforeTheNewOneStarts()
    {
        var port = Infrastructure.Network.FreePort();
        ServiceSpec Published(string tag) => Web(tag) with { Ports = ValueList.Of(new PortBinding("127.0.0.1", port, 8080, "tcp")) };
        await DeployAsync(Stack(Published("v1")));
        var old = Assert.Single((await ReadStackAsync()).Containers);
        var changed = Stack(Published("v2"));
        var plan = StackPlans.Replace(changed, await ReadStackAsync(changed), "web");
        Assert.Equal(UpdateOrder.StopFirst, plan.Changes.OfType<ServiceChange>().Single().Order!.Order);

        var result = await ApplyAsync(plan);

        Assert.Equal(ApplyStatus.Applied, result.Status);
        var web = Assert.Single((await ReadStackAsync(changed)).Containers);
        var events = await EventsAsync();
        var oldDied = events.FindIndex(e => e.Actor.ID == old.Id && e.Action == "die");
        var newStarted = events.FindIndex(e => e.Actor.ID == web.Id && e.Action == "start");
        Assert.True(oldDied >= 0 && newStarted > oldDied, "two copies ran at once: " + Describe(events));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal($"{EngineFixture.ImageNamespace}/web v2", (await http.GetStringAsync($"http://127.0.0.1:{port}/", Token)).Trim());
    }

    [Fact]
    public async Task Pass_InterruptedStartFirstLeavesANewContainerBesideTheRunningOld_ConvergesToOne()
    {
        var first = Stack(Web("v1"));
        await PassAsync(first);
        var old = Assert.Single((await ReadStackAsync()).Containers);
        var changed = Stack(Web("v2"));
        var spec = changed.Services["web"];
        var hash = ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed);
        await Fixture.EnsureImageAsync(spec.Image, Token);
        // What a kill during the gate leaves: the new container started under its temporary name, the old one running.
        var leftover = await Fixture.Engine.Containers.CreateAsync(ContainerSpecMapper.ToCreateParameters(spec, new ContainerContext(
            Project, WorkingDir, [], 1, $"{Project}-web-1_{hash[..12]}", hash, null,
            new Dictionary<string, string> { ["default"] = Project + "_default" },
            new Dictionary<string, string>(),
            new Dictionary<string, string>())), Token);
        await Fixture.Engine.Containers.StartAsync(leftover, Token);
        Assert.Equal(2, (await ReadStackAsync(changed)).Containers.Count(c => c.Running));

        var (result, web) = await PassAsync(changed);

        Assert.Equal(ApplyStatus.Applied, result.Status);
        Assert.Equal(ChangeAction.Replace, web.Action);
        var after = Assert.Single((await ReadStackAsync(changed)).Containers);
        Assert.Equal($"{Project}-web-1", after.Name);
        Assert.Equal(hash, after.ConfigHash);
        Assert.True(after.Running);
        Assert.NotEqual(leftover, after.Id);
        var events = await EventsAsync();
        Assert.Contains(events, e => e.Actor.ID == leftover && e.Action == "destroy");
        var newHealthy = events.FindIndex(e => e.Actor.ID == after.Id && e.Action == "health_status: healthy");
        var oldSignalled = events.FindIndex(e => e.Actor.ID == old.Id && Stopping.Contains(e.Action));
        Assert.True(newHealthy >= 0 && oldSignalled > newHealthy, "the old container was stopped before the new one was healthy: " + Describe(events));
        var (_, again) = await PassAsync(changed);
        Assert.Equal(ChangeAction.NoOp, again.Action);
    }

    /// <summary>One reconcile pass with the real planner; the web service's change is returned beside the result.</summary>
    private async Task<(StackApplyResult Result, ServiceChange Web)> PassAsync(StackSpec stack)
    {
        var state = await Probe.ReadAsync(new ProbeRequest(new Dictionary<string, StackSpec> { [Project] = stack }), Token);
        state.Stacks.TryGetValue(Project, out var actual);
        var desired = new DesiredStack(stack, StackPolicy.Default);
        var changes = StackPlanner.Converge(desired, actual, state.Images, PlanningContext.Empty);
        var result = await ApplyAsync(new StackPlan(Project, StackAction.Converge, desired, changes));
        return (result, changes.OfType<ServiceChange>().Single(c => c.Name == "web"));
    }

    /// <summary>This project's container events since the test began, in the engine's order.</summary>
    private Task<List<Message>> EventsAsync() => ProjectEvents.ReadAsync(Fixture.Raw, Project, _started, Token);

    private static string Describe(IEnumerable<Message> events) => ProjectEvents.Describe(events);
}
