using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Rollout;

namespace GitOps.Reconciler.Tests.Rollout;

public class RolloutLeasesTests
{
    [Theory]
    [InlineData(10, true, 3, 1)]
    [InlineData(10, true, 40, 4)]
    [InlineData(50, true, 5, 2)]
    [InlineData(100, true, 7, 7)]
    [InlineData(2, false, 10, 2)]
    public void Limit_PercentOrCount_AtLeastOne(int value, bool percent, int waveSize, int expected) =>
        Assert.Equal(expected, new MaxUnavailable(value, percent).Limit(waveSize));

    [Fact]
    public void CanTake_HoldersBelowLimit_OnlyThen()
    {
        Assert.True(RolloutLeases.CanTake(1, []));
        Assert.False(RolloutLeases.CanTake(1, ["prod-2"]));
        Assert.True(RolloutLeases.CanTake(2, ["prod-2"]));
    }

    [Fact]
    public void Waiting_HoldersNamed() =>
        Assert.Equal("waiting for a lease of wave prod: 2 of 2 held by a, b", RolloutLeases.Waiting("prod", 2, ["b", "a"]));

    [Theory]
    [InlineData(ChangeAction.Replace, true)]
    [InlineData(ChangeAction.Update, true)]
    [InlineData(ChangeAction.Delete, true)]
    [InlineData(ChangeAction.Create, false)]
    [InlineData(ChangeAction.NoOp, false)]
    public void ReplacesServices_ByServiceAction(ChangeAction action, bool expected) =>
        Assert.Equal(expected, ServiceDisruption.ReplacesServices(PlanWith(StackAction.Converge, action)));

    [Fact]
    public void ReplacesServices_SuspendedStack_No() =>
        Assert.False(ServiceDisruption.ReplacesServices(PlanWith(StackAction.Suspended, ChangeAction.Replace)));

    private static Plan PlanWith(StackAction stackAction, ChangeAction action)
    {
        var change = new ServiceChange("app", "web", action, ValueList<FieldChange>.Empty, "test", null, null, ValueList<GitOps.Reconciler.Actual.ActualContainer>.Empty);
        return new Plan("h", ValueList.Of(new StackPlan("app", stackAction, null, ValueList.Of<ResourceChange>(change))), ValueList<string>.Empty);
    }
}
