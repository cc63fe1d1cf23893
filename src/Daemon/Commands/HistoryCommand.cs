using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.State;

namespace GitOps.Daemon.Commands;

/// <summary>Lists the recent reconciles of this host, newest first, from the state store.</summary>
public sealed class HistoryCommand : ICommand
{
    private readonly AgentStateOptions _state = new();
    private readonly LimitOption _limit = new("reconciles");
    private readonly Option<bool> _json = CliOptions.Json("Print the reconciles as JSON.");

    public HistoryCommand()
    {
        Spec = new CommandSpec(
            "history",
            "List the recent reconciles of this host, newest first.",
            "Exit status: 0 when the history was read (even when empty), 1 on error.");
        Spec.AddAll([_state.StateDirectory, _state.Config, _limit.Option, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (await _limit.ReadAsync(args, "history", error) is not { } limit)
        {
            return 1;
        }
        var records = await StateReading.ReadAsync(args, _state, error, "history", "nothing was reconciled here yet", store => store.GetHistory(limit));
        if (records is null)
        {
            return 1;
        }
        await output.WriteAsync(args.GetValue(_json) ? CliJson.Serialize(records, CliJsonContext.Default.IReadOnlyListReconcileRecord) + "\n" : HistoryTable.Render(records));
        return 0;
    }
}
