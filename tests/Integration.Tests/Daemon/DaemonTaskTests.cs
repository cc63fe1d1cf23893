using GitOps.Daemon.Hosting;
using GitOps.Daemon.Http;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// The daemon converges tasks from git into its job store, runs them on request, and unschedules removed ones; the
/// scheduler opens only once the host has a task.
/// </summary>
[Collection(AgentHostCollection.Name)]
public sealed class DaemonTaskTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task RunHost_TaskCommitted_ScheduledRunsOnRequestAndUnscheduledWhenRemoved()
    {
        var files = RepoFiles("v1");
        files["tasks/hello.yaml"] = $"targets: [{Project}]\nschedule: '0 3 * * *'\nimage: {EngineFixture.Image("backup:1.0")}\ncommand: [sh, -c, 'echo hello-from-$$WHO']\nenvironment:\n  WHO: git\ntimeZone: UTC\n";
        Upstream.Commit(files, "task");
        using var host = BuildHost(Config());
        await host.StartAsync(Token);
        var service = host.Services.GetRequiredService<TaskScheduleService>();
        try
        {
            await EventuallyAsync(async () => service.Schedule is { } opened && (await opened.ReadAsync(Token)).Any(t => t.Name == "hello"), "the pass scheduled the task");
            var scheduled = (await service.Schedule!.ReadAsync(Token)).Single(t => t.Name == "hello");
            Assert.Equal(["0 0 3 * * ?"], scheduled.Crons);
            Assert.Equal("UTC", scheduled.TimeZone);
            Assert.NotNull(scheduled.NextFire);

            Assert.True(await service.Schedule.RunNowAsync("hello", Token));
            var history = (ITaskHistory)host.Services.GetRequiredService<IStateStore>();
            await EventuallyAsync(() => Task.FromResult(history.GetTaskRuns("hello", 10).Count > 0), "the run was recorded");
            var run = history.GetTaskRuns("hello", 10)[0];
            Assert.Equal(TaskOutcome.Succeeded, run.Outcome);
            Assert.Contains("hello-from-git", run.Output, StringComparison.Ordinal);
            Assert.NotNull(run.Revision);

            File.Delete(Path.Combine(Upstream.WorkPath, "tasks", "hello.yaml"));
            Upstream.Commit(new Dictionary<string, string>(), "task removed");
            await EventuallyAsync(async () => (await service.Schedule.ReadAsync(Token)).Count == 0, "the pass unscheduled the task");
            Assert.Single(history.GetTaskRuns("hello", 10));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task RunHost_NoTasksThenTaskCommitted_SchedulerOpensOnlyWithTheTask()
    {
        var first = CommitWeb("v1");
        using var host = BuildHost(Config());
        await host.StartAsync(Token);
        var service = host.Services.GetRequiredService<TaskScheduleService>();
        var reports = host.Services.GetRequiredService<AgentPipeline>().Publisher.Store;
        try
        {
            await EventuallyAsync(() => Task.FromResult(reports.Latest is { Status: ReportStatus.InSync } r && r.Revision?.Commit == first), "the stacks converged");
            Assert.Null(service.Schedule);
            Assert.False(File.Exists(AgentState.Combine(TaskSchedule.FileName)), "no job store is created for a host without tasks");
            Assert.Empty(reports.Latest!.Tasks!);
            Assert.Equal(TaskRunVerdict.Unknown, (await service.RequestRunAsync("hello", Token)).Verdict);

            var files = RepoFiles("v1");
            files["tasks/hello.yaml"] = $"targets: [{Project}]\nschedule: '0 3 * * *'\nimage: {EngineFixture.Image("backup:1.0")}\ncommand: [sh, -c, 'echo hello']\n";
            Upstream.Commit(files, "task");
            await EventuallyAsync(async () => service.Schedule is { } opened && (await opened.ReadAsync(Token)).Any(t => t.Name == "hello"), "the pass opened the scheduler and scheduled the task");
            Assert.NotNull((await service.Schedule!.ReadAsync(Token)).Single().NextFire);
            await EventuallyAsync(() => Task.FromResult(reports.Latest?.Tasks is [{ Name: "hello" }]), "the report lists the task");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
