using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Planning;

public class PlannerStackTests
{
    private static readonly ServiceSpec Web = Given.Service("web");

    [Fact]
    public void Plan_UntargetedStack_TornDownKeepingVolumes()
    {
        var kept = Given.Stack("kept", Web);
        var gone = Given.Stack("gone", Web, Given.Service("db")).WithVolume("data");
        var actual = Given.Deployed(Given.Desired(kept, gone));

        var plan = Planner.Plan(Given.Desired(kept), actual, PlanningContext.Empty);

        var stack = plan.Stack("gone");
        Assert.Equal(StackAction.Teardown, stack.Action);
        Assert.Null(stack.Desired);
        Assert.Equal(["container:db:delete", "container:web:delete", "network:default:delete", "volume:data:noop"], stack.Steps());
        Assert.Equal(PlanReasons.StackRemoved, plan.Service("gone", "web").Reason);
        Assert.Equal(PlanReasons.VolumeOfRemovedStack, plan.Volume("gone", "data").Reason);
        Assert.Empty(plan.Refusals);
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void Plan_SuspendedInRepo_ChangesComputedButInformational()
    {
        var desired = Given.Desired(Given.Stack("demo", Web).Suspended());

        var plan = Planner.Plan(desired, ActualState.Empty, PlanningContext.Empty);

        var stack = plan.Stack("demo");
        Assert.Equal(StackAction.Suspended, stack.Action);
        Assert.Equal(ChangeAction.Create, plan.Service("demo", "web").Action);
        Assert.False(stack.HasChanges);
        Assert.False(plan.HasChanges);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("demo-dir")]
    public void Plan_LocallySuspendedByStackOrProjectName_Suspended(string suspendedName)
    {
        var stack = Given.Stack("demo", Web);
        var desired = Given.Desired(stack) with { Stacks = ValueMap<DesiredStack>.Empty.With("demo-dir", stack) };
        var context = PlanningContext.Empty with { LocallySuspended = ValueList.Of(suspendedName) };

        var plan = Planner.Plan(desired, ActualState.Empty, context);

        Assert.Equal(StackAction.Suspended, plan.Stack("demo").Action);
    }

    [Fact]
    public void Plan_LocallySuspendedUntargetedStack_NotTornDown()
    {
        var actual = Given.Deployed(Given.Desired(Given.Stack("paused", Web), Given.Stack("other", Web)));
        var context = PlanningContext.Empty with { LocallySuspended = ValueList.Of("paused") };

        var plan = Planner.Plan(Given.Desired(Given.Stack("other", Web)), actual, context);

        Assert.Equal(StackAction.Suspended, plan.Stack("paused").Action);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_DesiredHasNoStacks_RefusesToRemoveEverything()
    {
        var actual = Given.Deployed(Given.Desired(Given.Stack("b", Web), Given.Stack("a", Web)));

        var plan = Planner.Plan(Given.Desired(), actual, PlanningContext.Empty);

        Assert.Equal(
            "would remove every stack (a, b) from this host; set policy.allowRemoveAllStacks in inventory.yaml to allow",
            Assert.Single(plan.Refusals));
        Assert.All(plan.Stacks, s => Assert.Equal(StackAction.Teardown, s.Action));
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void Plan_DesiredHasNoStacksAndPolicyAllows_NoRefusal()
    {
        var actual = Given.Deployed(Given.Desired(Given.Stack("a", Web)));
        var desired = Given.Desired() with { Policy = new FleetPolicy(AllowRemoveAllStacks: true) };

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.Empty(plan.Refusals);
        Assert.Equal(StackAction.Teardown, plan.Stack("a").Action);
    }

    [Fact]
    public void Plan_NothingDesiredNothingRunning_NoRefusal()
    {
        var plan = Planner.Plan(Given.Desired(), ActualState.Empty, PlanningContext.Empty);

        Assert.Empty(plan.Refusals);
        Assert.Empty(plan.Stacks);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_OneStackOfSeveralRemoved_NoRefusal()
    {
        var actual = Given.Deployed(Given.Desired(Given.Stack("a", Web), Given.Stack("b", Web)));

        var plan = Planner.Plan(Given.Desired(Given.Stack("a", Web)), actual, PlanningContext.Empty);

        Assert.Empty(plan.Refusals);
    }

    [Fact]
    public void Plan_ManyStacks_OrderedByNameWithHostName()
    {
        var desired = Given.Desired(Given.Stack("zeta", Web), Given.Stack("alpha", Web));
        var actual = Given.Deployed(Given.Desired(Given.Stack("mid", Web)));

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.Equal(Given.Host, plan.Host);
        Assert.Equal(["alpha", "mid", "zeta"], plan.Stacks.Select(s => s.Stack));
    }

    [Fact]
    public void Plan_SameInputs_EqualPlans()
    {
        var desired = Given.Desired(Given.Stack("demo", Web, Given.Service("api").DependsOn("web")));
        var actual = Given.Deployed(Given.Desired(Given.Stack("demo", Web)));

        var first = Planner.Plan(desired, actual, PlanningContext.Empty);
        var second = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.Equal(first.Stacks.Select(s => s.Steps()), second.Stacks.Select(s => s.Steps()));
        Assert.Equal(first.Host, second.Host);
    }

    [Fact]
    public void Plan_OnlyKeptVolumesOfRemovedStacksLeft_NoRefusalNoChanges()
    {
        var leftover = new ActualStack(
            "gone",
            ValueList<ActualContainer>.Empty,
            ValueMap<ActualNetwork>.Empty,
            Given.Deployed(Given.Stack("gone", Web).WithVolume("data").Compose).Volumes);

        var plan = Planner.Plan(Given.Desired(), ActualState.Empty.WithStack(leftover), PlanningContext.Empty);

        Assert.Empty(plan.Refusals);
        Assert.False(plan.HasChanges);
        Assert.Equal(["volume:data:noop"], plan.Stack("gone").Steps());
    }
}
