using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Tests.Cli;

public sealed class HistoryCommandTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "history-cmd-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private async Task<int> Run(ICommand command, params string[] args) =>
        await command.RunAsync(CommandLine.Parse([.. args, "--state-dir", _stateDir], command.Spec), new StringWriter(), new StringWriter(), CancellationToken.None);

    [Fact]
    public async Task RunAsync_NoState_ExitsOne()
    {
        Assert.Equal(1, await Run(new HistoryCommand()));
    }

    [Fact]
    public async Task RunAsync_Recorded_ListsNewestFirstWithFailedResources()
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
