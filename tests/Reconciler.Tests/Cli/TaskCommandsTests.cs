using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Tests.Cli;

/// <summary>The task verbs that read the state store directly, and how the dispatcher finds two-word verbs.</summary>
public sealed class TaskCommandsTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "task-cmd-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private static TaskRunRecord Run(string task, TaskOutcome outcome, int? exit, string output, int minute) => new(
        task, DateTimeOffset.UnixEpoch.AddMinutes(minute), DateTimeOffset.UnixEpoch.AddMinutes(minute), DateTimeOffset.UnixEpoch.AddMinutes(minute).AddSeconds(3),
        outcome, exit, output, exit is 0 or null ? null : $"exited with {exit}", "rev", TaskFire.Scheduled, 1);

    private List<long> Seed()
    {
        using var store = StateStore.Open(_stateDir, TimeProvider.System, NullLogger<StateStore>.Instance);
        var maxAge = TimeSpan.FromDays(365 * 100);
        return
        [
            store.AddTaskRun(Run("backup", TaskOutcome.Succeeded, 0, "first\n", 1), 10, maxAge),
            store.AddTaskRun(Run("backup", TaskOutcome.Failed, 3, "second", 2), 10, maxAge),
            store.AddTaskRun(Run("backup", TaskOutcome.Skipped, null, "", 3), 10, maxAge),
            store.AddTaskRun(Run("other", TaskOutcome.Succeeded, 0, "other output", 4), 10, maxAge),
        ];
    }

    private Task<int> Dispatch(params string[] args) =>
        new CommandDispatcher(CommandCatalog.All()).RunAsync(args, _output, _error, CancellationToken.None);

    [Fact]
    public async Task Dispatch_TwoWordVerbHelp_PrintsItsUsage()
    {
        Assert.Equal(0, await Dispatch("task", "history", "--help"));

        Assert.Contains("Usage: gitops-agent task history <name>", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--config FILE", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_TaskAlone_ListsItsVerbsAndExitsOne()
    {
        Assert.Equal(1, await Dispatch("task"));

        Assert.Contains("task run", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("task logs", _output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("validate", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_InAPipe_OneTabSeparatedLinePerRunNewestFirst()
    {
        var ids = Seed();

        Assert.Equal(0, await Dispatch("task", "history", "backup", "--state-dir", _stateDir, "--limit", "2"));

        var lines = _output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{ids[2]}\t", lines[0], StringComparison.Ordinal);
        Assert.Contains("\tSkipped\t", lines[0], StringComparison.Ordinal);
        Assert.Contains("\tFailed\t3\t3.00\tschedule", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_Json_RunsWithOutput()
    {
        Seed();

        Assert.Equal(0, await Dispatch("task", "history", "other", "--state-dir", _stateDir, "--json"));

        Assert.Contains("\"output\": \"other output\"", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"outcome\": \"succeeded\"", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NoRunGiven_LatestRunsOutput()
    {
        Seed();

        Assert.Equal(0, await Dispatch("task", "logs", "other", "--state-dir", _stateDir));

        Assert.Equal("other output\n", _output.ToString());
    }

    [Fact]
    public async Task Logs_RunOfAnotherTask_ExitOne()
    {
        var ids = Seed();

        Assert.Equal(1, await Dispatch("task", "logs", "backup", "--state-dir", _stateDir, "--run", ids[3].ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains("task backup has no run", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_RunGiven_ThatRunsOutput()
    {
        var ids = Seed();

        Assert.Equal(0, await Dispatch("task", "logs", "backup", "--state-dir", _stateDir, "--run", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("first\n", _output.ToString());
    }

    [Fact]
    public void LastTaskRuns_SkippedAfterFailed_TheFailedRun()
    {
        var ids = Seed();
        using var store = StateStore.OpenReadOnly(_stateDir, TimeProvider.System);

        var last = store.GetLastTaskRuns();

        Assert.Equal(ids[1], last["backup"].Id);
        Assert.Equal(ids[3], last["other"].Id);
    }

    [Fact]
    public async Task Tasks_NoJobStore_ListsNothingAndExitsZero()
    {
        Directory.CreateDirectory(_stateDir);

        Assert.Equal(0, await Dispatch("tasks", "--state-dir", _stateDir, "--json"));

        Assert.Equal("[]", _output.ToString().Trim());
    }

    [Fact]
    public async Task TaskRun_NoWebhookSecretInConfig_ExitOneAndSaysWhy()
    {
        Directory.CreateDirectory(_stateDir);
        var config = Path.Combine(_stateDir, "agent.yaml");
        await File.WriteAllTextAsync(config, $"host: h1\nstateDir: {_stateDir}\nrepo:\n  url: file:///nonexistent\n");

        var exit = await Dispatch("task", "run", "backup", "--config", config);

        Assert.Equal(1, exit);
        Assert.Contains("webhook secret", _error.ToString() + _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuspendTask_KnownFromTheStore_RecordedWithWhoAndReasonThenResumed()
    {
        using (var store = StateStore.Open(_stateDir, TimeProvider.System, NullLogger<StateStore>.Instance))
        {
            store.SuspendTask(new TaskSuspension("backup", DateTimeOffset.UnixEpoch, "bob", null));
        }

        Assert.Equal(0, await Dispatch("suspend", "task/backup", "--state-dir", _stateDir, "--reason", "disk full"));

        using (var store = StateStore.OpenReadOnly(_stateDir, TimeProvider.System))
        {
            var suspension = Assert.Single(store.GetTaskSuspensions());
            Assert.Equal("disk full", suspension.Reason);
            Assert.Contains("task backup suspended by", store.GetHistory(1)[0].Message, StringComparison.Ordinal);
        }
        Assert.Equal(0, await Dispatch("resume", "task/backup", "--state-dir", _stateDir));
        using (var store = StateStore.OpenReadOnly(_stateDir, TimeProvider.System))
        {
            Assert.Empty(store.GetTaskSuspensions());
        }
    }

    [Fact]
    public async Task SuspendTask_Unknown_ExitOneAndNothingSuspended()
    {
        Directory.CreateDirectory(_stateDir);

        Assert.Equal(1, await Dispatch("suspend", "task/nope", "--state-dir", _stateDir));

        Assert.Contains("Unknown task 'nope'", _error.ToString(), StringComparison.Ordinal);
        using var store = StateStore.Open(_stateDir, TimeProvider.System, NullLogger<StateStore>.Instance);
        Assert.Empty(store.GetTaskSuspensions());
    }
}
