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
}
