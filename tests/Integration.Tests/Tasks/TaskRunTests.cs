using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Tasks;

public sealed class TaskRunTests(EngineFixture fixture, ITestOutputHelper output) : TaskTest(fixture, output)
{
    [Fact]
    public async Task Schedule_Fires_RunsContainerWithEnvAndVolumesAndKeepsOutput()
    {
        var name = TaskName("backup");
        var data = Path.Combine(WorkingDir, "data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "in.txt"), "payload-42", Token);
        var spec = Spec(name, Every(1), "echo greeting=$GREETING; cat /data/in.txt; echo; echo token=$API_TOKEN; echo done > /data/out.txt") with
        {
            Environment = ValueMap.From([KeyValuePair.Create("GREETING", "hello-task"), KeyValuePair.Create("API_TOKEN", "s3cr3t-value")]),
            Mounts = ValueList.Of(new MountSpec(MountType.Bind, data, "/data", false)),
        };
        var runner = NewRunner();
        await using (var schedule = await OpenAsync(runner))
        {
            await ScheduleAsync(schedule, spec);
            await schedule.StartAsync(Token);
            var runs = await EventuallyRunsAsync(name, r => r.Any(x => x.Outcome == TaskOutcome.Succeeded), "the schedule fired and a run succeeded");
            await schedule.StopAsync(waitForRuns: true, Token);
            var run = runs.First(x => x.Outcome == TaskOutcome.Succeeded);
            Assert.Equal(TaskOutcome.Succeeded, run.Outcome);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(TaskFire.Scheduled, run.Trigger);
            Assert.Equal("rev-1", run.Revision);
            Assert.Contains("greeting=hello-task", run.Output, StringComparison.Ordinal);
            Assert.Contains("payload-42", run.Output, StringComparison.Ordinal);
            Assert.Contains("token=******", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t-value", run.Output, StringComparison.Ordinal);
        }
        Assert.Equal("done\n", await File.ReadAllTextAsync(Path.Combine(data, "out.txt"), Token));
        Assert.Empty(await TaskContainersAsync(name));
    }

    [Fact]
    public async Task Run_LongerThanTimeout_IsStoppedAndRecordedTimedOut()
    {
        var name = TaskName("slow");
        var spec = Spec(name, At(DateTimeOffset.UtcNow.AddHours(1)), "trap 'exit 143' TERM; sleep 60 & wait") with { Timeout = TimeSpan.FromSeconds(1) };
        var runner = NewRunner();
        await using var schedule = await OpenAsync(runner);
        await ScheduleAsync(schedule, spec);
        await schedule.StartAsync(Token);
        Assert.True(await schedule.RunNowAsync(name, Token));
        var runs = await EventuallyRunsAsync(name, r => r.Count > 0, "the run ended");
        Assert.Equal(TaskOutcome.TimedOut, runs[0].Outcome);
        Assert.Equal(TaskFire.Manual, runs[0].Trigger);
        Assert.Empty(await TaskContainersAsync(name));
    }

    [Fact]
    public async Task Forbid_FireWhileRunning_IsSkippedAndRecorded()
    {
        var name = TaskName("overlap");
        var spec = Spec(name, Every(1), "trap 'exit 143' TERM; sleep 4 & wait");
        var runner = NewRunner();
        await using var schedule = await OpenAsync(runner);
        await ScheduleAsync(schedule, spec);
        await schedule.StartAsync(Token);
        var runs = await EventuallyRunsAsync(name, r => r.Any(x => x.Outcome == TaskOutcome.Succeeded) && r.Any(x => x.Outcome == TaskOutcome.Skipped),
            "one run succeeded and an overlapping fire was skipped");
        await schedule.StopAsync(waitForRuns: true, Token);
        Assert.Contains(runs, r => r.Outcome == TaskOutcome.Skipped && r.Message!.Contains("forbid", StringComparison.Ordinal));
        // Never two at once: every succeeded run lasted ~4s and they never overlap.
        var succeeded = State.GetTaskRuns(name, 100).Where(r => r.Outcome == TaskOutcome.Succeeded).OrderBy(r => r.StartedAt).ToList();
        for (var i = 1; i < succeeded.Count; i++)
        {
            Assert.True(succeeded[i].StartedAt >= succeeded[i - 1].EndedAt, "runs overlapped");
        }
    }

    [Fact]
    public async Task Exec_RunsInTheServiceContainer_AndMissingTargetFails()
    {
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var name = TaskName("housekeeping");
        var spec = Spec(name, At(DateTimeOffset.UtcNow.AddHours(1)), "cat /www/index.html; echo in=$WHERE") with
        {
            Image = "",
            Exec = new TaskExecTarget(Project, "web"),
            Environment = ValueMap.From([KeyValuePair.Create("WHERE", "service")]),
        };
        var missing = spec with { Name = TaskName("nowhere"), Exec = new TaskExecTarget(Project, "absent") };
        var containers = new DockerTaskContainers(Fixture.Engine, Fixture.Raw, GitOps.Reconciler.Engine.EngineLabels.DefaultOwner, TimeProvider.System, Loggers.CreateLogger<DockerTaskContainers>());
        var ok = await containers.RunAsync(spec, "t1", Token);
        Assert.Equal(TaskOutcome.Succeeded, ok.Outcome);
        Assert.Contains("demo/web v1", ok.Output, StringComparison.Ordinal);
        Assert.Contains("in=service", ok.Output, StringComparison.Ordinal);
        var failed = await containers.RunAsync(missing, "t2", Token);
        Assert.Equal(TaskOutcome.Failed, failed.Outcome);
        Assert.Contains("no running container of service 'absent'", failed.Message, StringComparison.Ordinal);
    }
}
