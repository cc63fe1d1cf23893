using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Tasks;
using GitOps.Reconciler.Tests.Tasks;

namespace GitOps.Reconciler.Tests.Reporting.Drift;

public sealed class DriftTaskBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, TaskSpec> Desired(params TaskSpec[] specs) => specs.ToDictionary(s => s.Name, StringComparer.Ordinal);

    private static TaskRunRecord Run(string task, TaskOutcome outcome, long id = 1) =>
        new(task, Now, Now, Now.AddSeconds(2), outcome, outcome == TaskOutcome.Succeeded ? 0 : 3, "", outcome == TaskOutcome.Succeeded ? null : "exited with 3", "rev", TaskFire.Scheduled, 1) { Id = id };

    private static DriftTask Single(
        IReadOnlyDictionary<string, TaskSpec> desired, IReadOnlyList<ScheduledTask> scheduled,
        IReadOnlyDictionary<string, TaskRunRecord>? runs = null, IReadOnlyList<TaskSuspension>? local = null) =>
        Assert.Single(DriftTaskBuilder.Build(desired, scheduled, runs ?? new Dictionary<string, TaskRunRecord>(), local ?? []));

    [Fact]
    public void Build_ScheduledAsDesiredAndLastRunSucceeded_InSyncWithNextFireAndLastRun()
    {
        var spec = TaskFixtures.Spec();
        var scheduled = TaskFixtures.Scheduled(spec) with { NextFire = Now.AddHours(1) };

        var task = Single(Desired(spec), [scheduled], new Dictionary<string, TaskRunRecord> { ["backup"] = Run("backup", TaskOutcome.Succeeded, 9) });

        Assert.Equal(DriftTaskStatus.InSync, task.Status);
        Assert.Equal(Now.AddHours(1), task.NextFire);
        Assert.Equal(9, task.LastRun!.Id);
        Assert.Equal(2, task.LastRun.DurationSeconds);
        Assert.False(task.IsOutOfSync);
    }

    [Fact]
    public void Build_NotInStore_Missing()
    {
        var task = Single(Desired(TaskFixtures.Spec()), []);

        Assert.Equal(DriftTaskStatus.Missing, task.Status);
        Assert.Null(task.NextFire);
        Assert.True(task.IsOutOfSync);
    }

    [Fact]
    public void Build_ScheduledDifferently_DriftedWithFieldLevelDifferences()
    {
        var want = TaskFixtures.Spec(schedule: "0 * * * *", cron: "0 0 * * * ?");
        var have = TaskFixtures.Spec(schedule: "30 * * * *", cron: "0 30 * * * ?");

        var task = Single(Desired(want), [TaskFixtures.Scheduled(have)]);

        Assert.Equal(DriftTaskStatus.Drifted, task.Status);
        var schedule = Assert.Single(task.Differences, d => d.Field == "schedule");
        Assert.Equal("0 * * * *", schedule.Desired);
        Assert.Equal("30 * * * *", schedule.Actual);
    }

    [Fact]
    public void Build_ScheduledButNoLongerInGit_DriftedWithTheStoresSchedule()
    {
        var task = Single(Desired(), [TaskFixtures.Scheduled(TaskFixtures.Spec(schedule: "5 * * * *"))]);

        Assert.Equal(DriftTaskStatus.Drifted, task.Status);
        Assert.Equal("5 * * * *", task.Schedule);
        Assert.Equal("task", Assert.Single(task.Differences).Field);
    }

    [Theory]
    [InlineData(TaskOutcome.Failed)]
    [InlineData(TaskOutcome.TimedOut)]
    public void Build_LastRunFailedOrTimedOut_Failed(TaskOutcome outcome)
    {
        var spec = TaskFixtures.Spec();

        var task = Single(Desired(spec), [TaskFixtures.Scheduled(spec)], new Dictionary<string, TaskRunRecord> { ["backup"] = Run("backup", outcome) });

        Assert.Equal(DriftTaskStatus.Failed, task.Status);
        Assert.Equal(outcome, task.LastRun!.Outcome);
        Assert.True(task.IsOutOfSync);
    }

    [Fact]
    public void Build_SuspendedInGitAndPaused_SuspendedByGitWithoutNextFireAndInSyncForScripts()
    {
        var spec = TaskFixtures.Spec() with { Suspended = true };
        var scheduled = TaskFixtures.Scheduled(spec) with { NextFire = Now.AddHours(1) };

        var task = Single(Desired(spec), [scheduled]);

        Assert.Equal(DriftTaskStatus.Suspended, task.Status);
        Assert.Equal(DriftTask.GitSuspension, task.SuspendedBy);
        Assert.Null(task.NextFire);
        Assert.False(task.IsOutOfSync);
    }

    [Fact]
    public void Build_SuspendedLocallyAndPaused_SuspendedByWhoWithReasonAndOutOfSync()
    {
        var spec = TaskFixtures.Spec();
        var local = new TaskSuspension("backup", Now, "alice", "disk full");
        var desired = TaskLocalSuspension.Apply(Desired(spec), ["backup"]);
        var scheduled = TaskFixtures.Scheduled(spec) with { Paused = true };

        var task = Single(desired, [scheduled], local: [local]);

        Assert.Equal(DriftTaskStatus.Suspended, task.Status);
        Assert.Equal("alice on this host: disk full", task.SuspendedBy);
        Assert.True(task.IsOutOfSync);
    }

    [Fact]
    public void Build_SuspendedLocallyButStillFiring_DriftedUntilThePassPausesIt()
    {
        var spec = TaskFixtures.Spec();
        var desired = TaskLocalSuspension.Apply(Desired(spec), ["backup"]);

        var task = Single(desired, [TaskFixtures.Scheduled(spec)], local: [new TaskSuspension("backup", Now, "alice", null)]);

        Assert.Equal(DriftTaskStatus.Drifted, task.Status);
        Assert.Contains(task.Differences, d => d.Field == "suspended");
    }
}
