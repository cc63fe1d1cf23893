using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Stacks;

public class ContainerChangesTests
{
    [Fact]
    public void Notify_WakesEveryWaitOnThatContainerAndNoOther()
    {
        var changes = new ContainerChanges();
        var gate = changes.Next("a");
        var dependency = changes.Next("a");
        var other = changes.Next("b");

        changes.Notify("a");

        Assert.True(gate.IsCompletedSuccessfully);
        Assert.True(dependency.IsCompletedSuccessfully);
        Assert.False(other.IsCompleted);
    }

    [Fact]
    public void Next_AfterANotify_WaitsForTheNextEvent()
    {
        var changes = new ContainerChanges();
        changes.Next("a");
        changes.Notify("a");

        var again = changes.Next("a");

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
    public void Forget_EndedWait_LeavesNothingBehind()
    {
        var changes = new ContainerChanges();
        changes.Next("a");

        changes.Forget("a");

        Assert.Equal(0, changes.Pending);
    }
}
