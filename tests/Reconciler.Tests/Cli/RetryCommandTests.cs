using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Tests.Cli;

public sealed class RetryCommandTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "retry-cmd-" + Guid.NewGuid().ToString("N")[..8]);

    public RetryCommandTests()
    {
        using var store = Open();
        store.MarkRolledBack("shop", "api", "aaaaaaaaaaaaaaaa");
        store.MarkRolledBack("shop", "web", "bbbbbbbbbbbbbbbb");
        store.MarkRolledBack("blog", "web", "cccccccccccccccc");
    }

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private StateStore Open() => StateStore.Open(_stateDir, TimeProvider.System, NullLogger<StateStore>.Instance);

    private async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var command = new RetryCommand();
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command.RunAsync(CommandLine.Parse([.. args, "--state-dir", _stateDir], command.Spec), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private IReadOnlyList<string> Held()
    {
        using var store = Open();
        return [.. store.GetPlanningContext().RolledBack.Keys.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task RunAsync_OneService_ClearsOnlyItsHoldAndRecordsIt()
    {
        var (exit, output, _) = await Run("shop/api");

        Assert.Equal(0, exit);
        Assert.Contains("shop/api", output, StringComparison.Ordinal);
        Assert.Equal(["blog/web", "shop/web"], Held());
        using var store = Open();
        var record = Assert.Single(store.GetHistory(10));
        Assert.Equal(RetryCommand.HistoryOutcome, record.Outcome);
        Assert.Equal("api", Assert.Single(record.Resources).Name);
    }

    [Fact]
    public async Task RunAsync_Stack_ClearsEveryServiceOfIt()
    {
        var (exit, _, _) = await Run("shop", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(["blog/web"], Held());
    }

    [Fact]
    public async Task RunAsync_NoArgument_ClearsAllAsJson()
    {
        var (exit, output, _) = await Run("--json");

        Assert.Equal(0, exit);
        Assert.Empty(Held());
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("cleared").GetArrayLength());
    }

    [Fact]
    public async Task RunAsync_NothingHeldThere_ExitsZeroAndRecordsNothing()
    {
        var (exit, output, _) = await Run("other/api");

        Assert.Equal(0, exit);
        Assert.Contains("Nothing is held", output, StringComparison.Ordinal);
        using var store = Open();
        Assert.Empty(store.GetHistory(10));
    }

    [Fact]
    public async Task RunAsync_MalformedTarget_ExitsOne()
    {
        var (exit, _, error) = await Run("a/b/c");

        Assert.Equal(1, exit);
        Assert.Contains("stack/service", error, StringComparison.Ordinal);
    }
}
