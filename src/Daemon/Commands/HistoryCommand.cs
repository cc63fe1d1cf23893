using System.CommandLine;
using System.Globalization;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.State;

namespace GitOps.Daemon.Commands;

/// <summary>Lists the recent reconciles of this host, newest first, from the state store.</summary>
public sealed class HistoryCommand : ICommand
{
    private const int DefaultLimit = 20;

    private readonly AgentStateOptions _state = new();
    private readonly Option<string?> _limit = CliOptions.Value("--limit", "N", $"How many reconciles to list (default {DefaultLimit}).");
    private readonly Option<bool> _json = CliOptions.Json("Print the reconciles as JSON.");

    public HistoryCommand()
    {
        Spec = new CommandSpec(
            "history",
            "List the recent reconciles of this host, newest first.",
            "Exit status: 0 when the history was read (even when empty), 1 on error.");
        Spec.AddAll([_state.StateDirectory, _state.Config, _limit, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var limit = DefaultLimit;
        if (args.GetValue(_limit) is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            await error.WriteLineAsync($"gitops-agent history: --limit must be a positive whole number, not '{text}'");
            return 1;
        }
        if (await _state.ResolveAsync(args, error) is not { } stateDirectory)
        {
            return 1;
        }
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
        await output.WriteAsync(args.GetValue(_json) ? CliJson.Serialize(records, CliJsonContext.Default.IReadOnlyListReconcileRecord) + "\n" : HistoryTable.Render(records));
        return 0;
    }
}
