using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Secrets;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

/// <summary>Update and Delete changes: hand-stopped containers restarted in place, orphans removed.</summary>
public sealed class ConvergeTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    private StackPlan Single(StackSpec stack, ServiceChange change) =>
        new(Project, StackAction.Converge, new Reconciler.Desired.DesiredStack(stack, Reconciler.Desired.StackPolicy.Default), ValueList.Of<ResourceChange>(change));

    [Fact]
    public async Task Apply_UpdateOfStoppedContainer_StartsTheSameContainer()
    {
        var stack = Stack(StackPlans.Web("v1"));
        await DeployAsync(stack);
        var before = (await ReadStackAsync(stack)).Containers.Single();
        await Fixture.Engine.Containers.StopAsync(before.Id, TimeSpan.FromSeconds(1), Token);
        var stopped = (await ReadStackAsync(stack)).Containers.Single();
        Assert.False(stopped.Running);
        var spec = stack.Services["web"];

        var result = await ApplyAsync(Single(stack, new ServiceChange(
            Project, "web", ChangeAction.Update, ValueList<FieldChange>.Empty, "container stopped on the host",
            spec, ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), ValueList.Of(stopped))));

        Assert.Equal(ApplyStatus.Applied, result.Status);
        var after = (await ReadStackAsync(stack)).Containers.Single();
        Assert.Equal(before.Id, after.Id);
        Assert.True(after.Running);
    }

    [Fact]
    public async Task Apply_UpdateAfterContainerRemovedByHand_CreatesItAgain()
    {
        var stack = Stack(StackPlans.Web("v1"), StackPlans.Web("v1", "other") with { Healthcheck = null });
        await DeployAsync(stack);
        var before = (await ReadStackAsync(stack)).Containers.Single(c => c.Service == "web");
        await Fixture.Engine.Containers.RemoveAsync(before.Id, force: true, Token);
        var spec = stack.Services["web"];

        var result = await ApplyAsync(Single(stack, new ServiceChange(
            Project, "web", ChangeAction.Update, ValueList<FieldChange>.Empty, "container removed on the host",
            spec, ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), ValueList<Reconciler.Actual.ActualContainer>.Empty)));

        Assert.Equal(ApplyStatus.Applied, result.Status);
        var after = (await ReadStackAsync(stack)).Containers.Single(c => c.Service == "web");
        Assert.NotEqual(before.Id, after.Id);
        Assert.Equal($"{Project}-web-1", after.Name);
        Assert.True(after.Running);
    }

    [Fact]
    public async Task Apply_OrphanService_RemovedAndTheOtherKept()
    {
        var stack = Stack(StackPlans.Web("v1"), StackPlans.Web("v1", "orphan") with { Healthcheck = null });
        await DeployAsync(stack);
        var actual = await ReadStackAsync(stack);
        var kept = actual.Containers.Single(c => c.Service == "web");

        var result = await ApplyAsync(Single(stack, new ServiceChange(
            Project, "orphan", ChangeAction.Delete, ValueList<FieldChange>.Empty, "service removed from the stack",
            null, null, ValueList.From(actual.Containers.Where(c => c.Service == "orphan")))));

        Assert.Equal(ApplyStatus.Applied, result.Status);
        var after = await ReadStackAsync(stack);
        Assert.Equal([kept.Id], after.Containers.Select(c => c.Id));
    }
}
