using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Tasks;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Tasks;

/// <summary><c>plan</c> shows task changes against the daemon's real job store, and its exit code counts them.</summary>
public sealed class TaskPlanCommandTests(EngineFixture fixture, ITestOutputHelper output) : TaskTest(fixture, output)
{
    [Fact]
    public async Task Plan_TaskScheduledDifferently_ShowsTheFieldsAndExitsTwo()
    {
        var name = TaskName("backup");
        var repo = WriteRepo(name, "0 * * * *");
        await using (var schedule = await OpenAsync(NewRunner()))
        {
            var stored = Desired(repo).Tasks[name] with { Schedule = "30 * * * *", QuartzCrons = ValueList.Of("0 30 * * * ?") };
            await ScheduleAsync(schedule, stored);
        }

        var (exit, output) = await PlanAsync(repo);

        Assert.Equal(2, exit);
        Assert.Contains($"  ~ task {name}: update ({TaskChange.DefinitionChanged})\n", output, StringComparison.Ordinal);
        Assert.Contains("      schedule: want 0 * * * *, have 30 * * * *\n", output, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_TaskScheduledAsInGit_NoChangesExitsZero()
    {
        var name = TaskName("backup");
        var repo = WriteRepo(name, "0 * * * *");
        await using (var schedule = await OpenAsync(NewRunner()))
        {
            await ScheduleAsync(schedule, Desired(repo).Tasks[name]);
        }

        var (exit, output) = await PlanAsync(repo);

        Assert.Equal(0, exit);
        Assert.Contains("No changes.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_NoJobStoreYet_TaskIsACreateAndNoStoreIsMade()
    {
        var name = TaskName("backup");
        var repo = WriteRepo(name, "0 * * * *");

        var (exit, output) = await PlanAsync(repo, "--json");

        Assert.Equal(2, exit);
        Assert.Contains("\"kind\": \"task\"", output, StringComparison.Ordinal);
        Assert.Contains($"\"name\": \"{name}\"", output, StringComparison.Ordinal);
        Assert.Contains("\"action\": \"create\"", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(StateDir, TaskSchedule.FileName)));
    }

    private string WriteRepo(string task, string schedule)
    {
        var root = Path.Combine(WorkingDir, "repo");
        Directory.CreateDirectory(Path.Combine(root, "tasks"));
        File.WriteAllText(Path.Combine(root, "inventory.yaml"), $"hosts:\n  {Owner}: {{}}\n");
        File.WriteAllText(
            Path.Combine(root, "tasks", task + ".yaml"),
            $"targets: [{Owner}]\nschedule: '{schedule}'\nimage: {EngineFixture.Image("backup:1.0")}\ncommand: [sh, -c, 'echo hi']\ntimeZone: UTC\n");
        return root;
    }

    private DesiredState Desired(string repo)
    {
        var diagnostics = new DiagnosticBag();
        var desired = new DesiredStateLoader().Load(new RepoDirectory(repo), Owner, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Sorted()));
        return desired!;
    }

    private async Task<(int Exit, string Output)> PlanAsync(string repo, params string[] extra)
    {
        var command = new PlanCommand();
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command.RunAsync(
            CommandLine.Parse([repo, "--host", Owner, "--state-dir", StateDir, .. extra], command.Spec), output, error, Token);
        Assert.True(exit != 1, "plan failed: " + error);
        return (exit, output.ToString());
    }
}
