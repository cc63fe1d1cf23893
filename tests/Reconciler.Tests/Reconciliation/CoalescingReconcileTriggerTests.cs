using GitOps.Reconciler.Reconciliation;

namespace GitOps.Reconciler.Tests.Reconciliation;

public sealed class CoalescingReconcileTriggerTests
{
    [Fact]
    public void Request_ManyWhilePending_WakesOnceAndMerges()
    {
        var trigger = new CoalescingReconcileTrigger();
        var wakes = 0;
        trigger.OnRequested(_ => wakes++);

        var first = trigger.Request("webhook");
        var second = trigger.Request("event");
        var third = trigger.Request("cli");

        Assert.True(first);
        Assert.False(second);
        Assert.False(third);
        Assert.Equal(1, wakes);
        Assert.Equal("webhook", trigger.LastReason);
    }

    [Fact]
    public void TakePending_AfterRequest_ClearsSoTheNextRequestWakesAgain()
    {
        var trigger = new CoalescingReconcileTrigger();
        var wakes = 0;
        trigger.OnRequested(_ => wakes++);
        trigger.Request("webhook");

        Assert.True(trigger.TakePending());
        Assert.False(trigger.TakePending());
        Assert.True(trigger.Request("event"));
        Assert.Equal(2, wakes);
    }

    [Fact]
    public void Request_ConcurrentCallers_ExactlyOneWins()
    {
        var trigger = new CoalescingReconcileTrigger();
        var wins = 0;

        Parallel.For(0, 64, _ =>
        {
            if (trigger.Request("x"))
            {
                Interlocked.Increment(ref wins);
            }
        });

        Assert.Equal(1, wins);
        Assert.True(trigger.IsPending);
    }

    [Fact]
    public void Request_CorrectionWhileAPassIsPending_WakesAndIsTakenAloneWhileThePassStaysPending()
    {
        var trigger = new CoalescingReconcileTrigger();
        var wakes = 0;
        trigger.OnRequested(_ => wakes++);
        trigger.Request("webhook");
        Assert.False(trigger.HealRequested.IsCompleted);

        Assert.False(trigger.Request("self-heal: demo/web"));

        Assert.Equal(2, wakes);
        Assert.True(trigger.HealRequested.IsCompleted);
        Assert.True(trigger.TakeHeal());
        Assert.False(trigger.HealRequested.IsCompleted);
        Assert.Equal(ReconcileRequest.Pass, trigger.Take());
        Assert.False(trigger.IsPending);
    }

    [Fact]
    public void Take_OnlyCorrectionsPending_Heal()
    {
        var trigger = new CoalescingReconcileTrigger();
        trigger.Request("self-heal: demo/web");
        trigger.Request("self-heal: demo/api");

        Assert.Equal(ReconcileRequest.Heal, trigger.Take());
        Assert.Equal(ReconcileRequest.None, trigger.Take());
        Assert.False(trigger.HealRequested.IsCompleted);
    }
}
