using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Tests.Cli;

public sealed class SuspendCommandTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "suspend-cmd-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private async Task<int> Run(ICommand command, params string[] args)
    {
        var exit = await command.RunAsync(CommandLine.Parse([.. args, "--state-dir", _stateDir], command.Spec), new StringWriter(), new StringWriter(), CancellationToken.None);
        return exit;
    }

    private IReadOnlyList<string> Suspended()
    {
        using var store = StateStore.Open(_stateDir, TimeProvider.System, NullLogger<StateStore>.Instance);
        return [.. store.GetPlanningContext().LocallySuspended];
    }

    [Fact]
    public async Task Suspend_Stack_PlanningContextListsIt()
    {
        Assert.Equal(0, await Run(new SuspendCommand(suspend: true), "ocr"));

        Assert.Equal(["ocr"], Suspended());
    }

    [Fact]
    public async Task Resume_SuspendedStack_PlanningContextNoLongerListsIt()
    {
        await Run(new SuspendCommand(suspend: true), "ocr");
        await Run(new SuspendCommand(suspend: true), "chatbot");

        Assert.Equal(0, await Run(new SuspendCommand(suspend: false), "ocr"));

        Assert.Equal(["chatbot"], Suspended());
    }

    [Fact]
    public async Task History_NoState_ExitsOne()
    {
        Assert.Equal(1, await Run(new HistoryCommand()));
    }

    [Fact]
    public async Task History_Recorded_ListsNewestFirst()
    {
        using (var store = StateStore.Open(_stateDir, TimeProvider.System, NullLogger<StateStore>.Instance))
        {
            store.AddReconcile(new ReconcileRecord(DateTimeOffset.UnixEpoch, "aaaaaaaaaaaaaaaa", TimeSpan.FromSeconds(1), "Converged", null, []), 10);
            store.AddReconcile(new ReconcileRecord(DateTimeOffset.UnixEpoch.AddHours(1), "bbbbbbbbbbbbbbbb", TimeSpan.FromSeconds(2), "ApplyFailed", "pull failed",
                [new ResourceOutcome("Container", "ocr", "api", "Replace", "Failed", "pull failed")]), 10);
        }
        var command = new HistoryCommand();
        var output = new StringWriter();

        var exit = await command.RunAsync(CommandLine.Parse(["--state-dir", _stateDir, "--limit", "5"], command.Spec), output, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n');
        Assert.Contains("bbbbbbbbbbbb", lines[1], StringComparison.Ordinal);
        Assert.Contains("ApplyFailed", lines[1], StringComparison.Ordinal);
        Assert.Contains("container ocr/api: Replace Failed pull failed", lines[2], StringComparison.Ordinal);
        Assert.Contains("aaaaaaaaaaaa", lines[3], StringComparison.Ordinal);
    }
}
