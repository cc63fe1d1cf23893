using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Tasks;
using GitOps.Reconciler.Tests.Planning;
using Quartz;
using static GitOps.Reconciler.Tests.Tasks.TaskFixtures;

namespace GitOps.Reconciler.Tests.Tasks;

/// <summary>The scheduler is opened only by a pass that brings the host a task of its own.</summary>
public class OnDemandTaskScheduleTests
{
    private int _opens;

    // Opening a real scheduler is the integration tests' part: here an open is counted and refused.
    private OnDemandTaskSchedule Schedule() => new(_ =>
    {
        _opens++;
        throw new OpenedException();
    });

    private static DesiredState With(params TaskSpec[] tasks) =>
        Given.Desired() with { Tasks = ValueMap.From(tasks.Select(t => KeyValuePair.Create(t.Name, t))) };

    [Fact]
    public async Task PlanAsync_HostWithoutTasks_NotOpenedAndNothingToChange()
    {
        var schedule = Schedule();

        var plan = await schedule.PlanAsync(With(), CancellationToken.None);
        await schedule.ApplyAsync(plan, "rev-1", CancellationToken.None);

        Assert.False(plan.HasChanges);
        Assert.Equal(0, _opens);
        Assert.Null(schedule.Opened);
        Assert.Empty(schedule.LastDesired!);
        Assert.Empty(schedule.LastScheduled);
    }

    [Fact]
    public async Task PlanAsync_OnlyFleetTasks_NotOpened()
    {
        var schedule = Schedule();

        var plan = await schedule.PlanAsync(With(Spec() with { RunOn = "any" }), CancellationToken.None);

        Assert.False(plan.HasChanges);
        Assert.Equal(0, _opens);
    }

    [Fact]
    public async Task PlanAsync_TaskForTheHost_OpensTheSchedulerFirst()
    {
        var schedule = Schedule();

        await Assert.ThrowsAsync<OpenedException>(() => schedule.PlanAsync(With(Spec()), CancellationToken.None));

        Assert.Equal(1, _opens);
    }

    [Fact]
    public async Task OpenAsync_AfterStop_RefusedWithoutOpening()
    {
        var schedule = Schedule();
        await schedule.StopAsync(waitForRuns: true, CancellationToken.None);

        await Assert.ThrowsAsync<SchedulerException>(() => schedule.PlanAsync(With(Spec()), CancellationToken.None));

        Assert.Equal(0, _opens);
    }

    private sealed class OpenedException : Exception;
}
