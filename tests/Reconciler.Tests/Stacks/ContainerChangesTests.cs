using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Stacks;

public class ContainerChangesTests
{
    [Fact]
    public void Notify_WakesEveryWaitOnThatContainerAndNoOther()
    {
        var changes = new ContainerChanges();
        using var gateWatch = changes.Watch("a");
        using var dependencyWatch = changes.Watch("a");
        using var otherWatch = changes.Watch("b");
        var gate = gateWatch.Next();
        var dependency = dependencyWatch.Next();
        var other = otherWatch.Next();

        changes.Notify("a");

        Assert.True(gate.IsCompletedSuccessfully);
        Assert.True(dependency.IsCompletedSuccessfully);
        Assert.False(other.IsCompleted);
    }

    [Fact]
    public void Next_AfterANotify_WaitsForTheNextEvent()
    {
        var changes = new ContainerChanges();
        using var watch = changes.Watch("a");
        watch.Next();
        changes.Notify("a");

        var again = watch.Next();

        Assert.False(again.IsCompleted);
        changes.Notify("a");
        Assert.True(again.IsCompletedSuccessfully);
    }

    [Fact]
    public void Notify_OfAContainerNobodyWaitsOn_LeavesNothingBehind()
    {
        var changes = new ContainerChanges();

        changes.Notify("a");

        Assert.Equal(0, changes.Pending);
    }

    [Fact]
    public void Dispose_EndedWait_LeavesNothingBehind()
    {
        var changes = new ContainerChanges();
        var watch = changes.Watch("a");

        watch.Dispose();

        Assert.Equal(0, changes.Pending);
    }

    [Fact]
    public void Dispose_OneOfTwoWaitsOnAContainerEnds_TheOtherIsStillWoken()
    {
        var changes = new ContainerChanges();
        using var gate = changes.Watch("a");
        var dependency = changes.Watch("a");
        var woken = gate.Next();

        dependency.Dispose();
        dependency.Dispose();
        changes.Notify("a");

        Assert.True(woken.IsCompletedSuccessfully);
        Assert.Equal(1, changes.Pending);
    }
}
