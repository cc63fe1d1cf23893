using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reporting.Drift;
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

    private readonly StringWriter _error = new();

    public SuspendCommandTests()
    {
        Directory.CreateDirectory(_stateDir);
        var stacks = new[] { "ocr", "chatbot" }.Select(s => new DriftResource(
            DriftKind.Stack, s, s, ResourceStatus.InSync, ValueList<DriftDifference>.Empty, null, DateTimeOffset.UnixEpoch, null, null));
        new DriftReportStore(_stateDir).Save(new DriftReport(
            DriftReport.CurrentSchemaVersion, "host-1", null, DateTimeOffset.UnixEpoch, ReportStatus.InSync, ValueList.From(stacks), null, null));
    }

    private async Task<int> Run(ICommand command, params string[] args)
    {
        var exit = await command.RunAsync(CommandLine.Parse([.. args, "--state-dir", _stateDir], command.Spec), new StringWriter(), _error, CancellationToken.None);
        return exit;
    }

    private IReadOnlyList<ReconcileRecord> History()
    {
        using var store = StateStore.Open(_stateDir, TimeProvider.System, NullLogger<StateStore>.Instance);
        return store.GetHistory(10);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SuspendOrResume_UnknownStack_ExitOneAndNothingRecorded(bool suspend)
    {
        Assert.Equal(1, await Run(new SuspendCommand(suspend), "orc"));

        Assert.Contains("Unknown stack 'orc'", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("chatbot, ocr", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Suspended());
        Assert.Empty(History());
    }

    [Fact]
    public async Task Suspend_WithReason_HistoryRecordsWhoAndWhy()
    {
        Assert.Equal(0, await Run(new SuspendCommand(suspend: true), "ocr", "--reason", "disk maintenance"));
        Assert.Equal(0, await Run(new SuspendCommand(suspend: false), "ocr", "--reason", "done"));

        var history = History();
        Assert.Equal(["Resumed", "Suspended"], history.Select(r => r.Outcome));
        Assert.Equal($"stack ocr suspended by {Who}: disk maintenance", history[1].Message);
        Assert.Equal($"stack ocr resumed by {Who}: done", history[0].Message);
    }

    private static string Who => Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } caller ? caller : Environment.UserName;

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
