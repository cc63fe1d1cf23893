using System.Globalization;
using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.State;

namespace GitOps.Daemon.Commands;

/// <summary>Lists the recent reconciles of this host, newest first, from the state store.</summary>
public sealed class HistoryCommand : ICommand
{
    private const int DefaultLimit = 20;

    public CommandSpec Spec { get; } = new(
        "history",
        "List the recent reconciles of this host, newest first.",
        [],
        [
            new OptionSpec("state-dir", $"The agent's state directory (default {AgentDefaults.StateDirectory}).", TakesValue: true, ValueName: "DIR"),
            new OptionSpec("limit", $"How many reconciles to list (default {DefaultLimit}).", TakesValue: true, ValueName: "N"),
            new OptionSpec("json", "Print the reconciles as JSON."),
        ],
        "Exit status: 0 when the history was read (even when empty), 1 on error.");

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var limit = DefaultLimit;
        if (args.Value("limit") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            await error.WriteLineAsync($"gitops-agent history: --limit must be a positive whole number, not '{text}'");
            return 1;
        }
        var stateDirectory = args.Value("state-dir") ?? AgentDefaults.StateDirectory;
        if (!File.Exists(Path.Combine(stateDirectory, StateStore.FileName)))
        {
            await error.WriteLineAsync($"gitops-agent history: no state in {stateDirectory} (nothing was reconciled here yet)");
            return 1;
        }
        IReadOnlyList<ReconcileRecord> records;
        try
        {
            // Read-only: the daemon may be writing, and a reader must never migrate or move its file aside.
            using var store = StateStore.OpenReadOnly(stateDirectory, TimeProvider.System);
            records = store.GetHistory(limit);
        }
        catch (StateStoreException ex)
        {
            await error.WriteLineAsync("gitops-agent history: " + ex.Message);
            return 1;
        }
        await output.WriteAsync(args.Flag("json") ? JsonSerializer.Serialize(records, CliJson.Options) + "\n" : HistoryTable.Render(records));
        return 0;
    }
}
