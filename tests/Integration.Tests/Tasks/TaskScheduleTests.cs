using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tasks;
using Xunit.Abstractions;
using TaskSpec = GitOps.Reconciler.Desired.TaskSpec;

namespace GitOps.Integration.Tests.Tasks;

public sealed class TaskScheduleTests(EngineFixture fixture, ITestOutputHelper output) : TaskTest(fixture, output)
{
    [Fact]
    public async Task RunOnce_AgentStoppedAcrossTwoFires_RunsOnceOnStart()
    {
        var name = TaskName("catchup");
        // Times are taken once the store is open: its first opening creates the tables, which takes a moment.
        DateTimeOffset start;
        await using (var stopped = await OpenAsync(NewRunner()))
        {
            start = DateTimeOffset.UtcNow;
            var spec = Spec(name, At(start.AddSeconds(2), start.AddSeconds(3)), "echo caught-up") with { StartingDeadline = TimeSpan.FromMinutes(5) };
            // Scheduled but never started: the agent is "down" across both fire times.
            await ScheduleAsync(stopped, spec);
            await stopped.StopAsync(waitForRuns: false, Token);
        }
        await Task.Delay(start.AddSeconds(5) - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Token);
        await using var restarted = await OpenAsync(NewRunner());
        await restarted.StartAsync(Token);
        var runs = await EventuallyRunsAsync(name, r => r.Count > 0, "the missed fire was run");
        // Give a second catch-up the time it would need to show up, then check it did not.
        await Task.Delay(TimeSpan.FromSeconds(2), Token);
        runs = State.GetTaskRuns(name, 100);
        var run = Assert.Single(runs);
        Assert.Equal(TaskOutcome.Succeeded, run.Outcome);
        Assert.Equal(TaskFire.CatchUp, run.Trigger);
    }

    [Fact]
    public async Task RunOnce_MissedFireBeyondDeadline_IsRecordedMissedAndNotRun()
    {
        var name = TaskName("late");
        // Times are taken once the store is open: its first opening creates the tables, which takes a moment.
        DateTimeOffset start;
        await using (var stopped = await OpenAsync(NewRunner()))
        {
            start = DateTimeOffset.UtcNow;
            var spec = Spec(name, At(start.AddSeconds(2)), "echo should-not-run") with { StartingDeadline = TimeSpan.FromSeconds(1) };
            await ScheduleAsync(stopped, spec);
            await stopped.StopAsync(waitForRuns: false, Token);
        }
        await Task.Delay(start.AddSeconds(5) - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Token);
        await using var restarted = await OpenAsync(NewRunner());
        await restarted.StartAsync(Token);
        var runs = await EventuallyRunsAsync(name, r => r.Count > 0, "the missed fire was recorded");
        Assert.Equal(TaskOutcome.Missed, runs[0].Outcome);
        Assert.Empty(await TaskContainersAsync(name));
    }

    [Fact]
    public async Task Skip_MissedFire_IsRecordedMissedAndNotRun()
    {
        var name = TaskName("skipper");
        // Times are taken once the store is open: its first opening creates the tables, which takes a moment.
        DateTimeOffset start;
        await using (var stopped = await OpenAsync(NewRunner()))
        {
            start = DateTimeOffset.UtcNow;
            var spec = Spec(name, At(start.AddSeconds(2)), "echo should-not-run") with { Missed = TaskMissedPolicy.Skip };
            await ScheduleAsync(stopped, spec);
            await stopped.StopAsync(waitForRuns: false, Token);
        }
        await Task.Delay(start.AddSeconds(4) - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Token);
        await using var restarted = await OpenAsync(NewRunner());
        await restarted.StartAsync(Token);
        var runs = await EventuallyRunsAsync(name, r => r.Count > 0, "the miss was recorded");
        Assert.Equal(TaskOutcome.Missed, Assert.Single(runs).Outcome);
    }

    [Fact]
    public async Task Converge_SecondPassWithNothingChanged_LeavesJobsAndNextFireTimesUntouched()
    {
        var name = TaskName("steady");
        var spec = Spec(name, "0 0 3 * * ?", "echo nightly");
        await using var schedule = await OpenAsync(NewRunner());
        await schedule.StartAsync(Token);
        await ScheduleAsync(schedule, spec);
        var first = Assert.Single(await schedule.ReadAsync(Token));
        var plan = TaskPlanner.Plan(new Dictionary<string, TaskSpec> { [name] = spec }, await schedule.ReadAsync(Token));
        Assert.False(plan.HasChanges, string.Join("; ", plan.Changes));
        await schedule.ApplyAsync(plan, "rev-2", Token);
        var second = Assert.Single(await schedule.ReadAsync(Token));
        Assert.Equal(first, second);
        Assert.Equal("rev-1", second.Revision);

        var changed = spec with { QuartzCrons = GitOps.Reconciler.Common.ValueList.Of("0 30 3 * * ?"), Schedule = "30 3 * * *" };
        var update = TaskPlanner.Plan(new Dictionary<string, TaskSpec> { [name] = changed }, await schedule.ReadAsync(Token));
        var change = Assert.Single(update.Changes);
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Contains(change.Changes, c => c.Field == "schedule" && c.Desired == "30 3 * * *" && c.Actual == "(test)");
        await schedule.ApplyAsync(update, "rev-3", Token);
        Assert.Equal(["0 30 3 * * ?"], (await schedule.ReadAsync(Token)).Single().Crons);
    }

    [Fact]
    public async Task Converge_TaskRemovedFromGit_IsUnscheduledAndHistoryKept()
    {
        var name = TaskName("gone");
        var spec = Spec(name, At(DateTimeOffset.UtcNow.AddHours(1)), "echo once");
        await using var schedule = await OpenAsync(NewRunner());
        await schedule.StartAsync(Token);
        await ScheduleAsync(schedule, spec);
        Assert.True(await schedule.RunNowAsync(name, Token));
        await EventuallyRunsAsync(name, r => r.Count > 0, "the manual run was recorded");
        var plan = TaskPlanner.Plan(new Dictionary<string, TaskSpec>(), await schedule.ReadAsync(Token));
        Assert.Equal(ChangeAction.Delete, Assert.Single(plan.Changes).Action);
        await schedule.ApplyAsync(plan, "rev-2", Token);
        Assert.Empty(await schedule.ReadAsync(Token));
        Assert.False(await schedule.RunNowAsync(name, Token));
        Assert.Single(State.GetTaskRuns(name, 10));
    }

    [Fact]
    public async Task TaskContainer_WhileRunning_IsNeverSeenOrPrunedAsAStackOrphan()
    {
        var name = TaskName("beside");
        var spec = Spec(name, At(DateTimeOffset.UtcNow.AddHours(1)), "trap 'exit 0' TERM; sleep 30 & wait");
        var runner = NewRunner();
        await using var schedule = await OpenAsync(runner);
        await schedule.StartAsync(Token);
        await ScheduleAsync(schedule, spec);
        Assert.True(await schedule.RunNowAsync(name, Token));
        await EventuallyAsync(async () => (await TaskContainersAsync(name)).Count > 0, () => "the task container appears");
        var taskContainer = (await TaskContainersAsync(name)).Single();
        // The probe of this owner's stacks (what planning and pruning work from) does not see the task container.
        var probe = new DockerProbe(Engine, Owner);
        var actual = await probe.ReadAsync(new ProbeRequest(new Dictionary<string, GitOps.Reconciler.Compose.StackSpec>(), false), Token);
        Assert.DoesNotContain(actual.Stacks.Values.SelectMany(s => s.Containers), c => c.Id == taskContainer.ID);
        Assert.Empty(actual.Stacks);
        await schedule.StopAsync(waitForRuns: false, Token);
    }
}
