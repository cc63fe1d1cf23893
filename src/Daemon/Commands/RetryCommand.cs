using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>retry [stack[/service]]</c>: clears rollback holds by hand, so the daemon's next pass tries the held spec again
/// instead of waiting for a commit that changes it. Every cleared hold is recorded in the history.
/// </summary>
public sealed class RetryCommand : ICommand
{
    public const string HistoryOutcome = "RetryRequested";

    public CommandSpec Spec { get; } = new(
        "retry",
        "Clear the rollback holds of this host (all, a stack's, or one service's) so the next pass tries them again.",
        [new PositionalSpec("stack[/service]", "What to retry; every held service when omitted.", Required: false)],
        [
            new OptionSpec("config", $"The agent configuration, for its state directory (default {AgentConfig.DefaultPath}).", TakesValue: true, ValueName: "FILE"),
            new OptionSpec("state-dir", $"The agent's state directory (default: the configuration's, else {AgentDefaults.StateDirectory}).", TakesValue: true, ValueName: "DIR"),
            new OptionSpec("json", "Print the cleared holds as JSON."),
        ],
        "A service is held after its new spec failed its health gate and was rolled back: the daemon does not try that spec "
        + "again until the repo changes it. Takes effect at the daemon's next pass. "
        + "Exit status: 0 when the holds asked for were cleared (or none was held), 1 on error.");

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var target = args.Positionals.Count > 0 ? args.Positionals[0] : null;
        if (target is not null && (target.Length == 0 || target.StartsWith('/') || target.EndsWith('/') || target.Count(c => c == '/') > 1))
        {
            await error.WriteLineAsync($"gitops-agent retry: expected 'stack' or 'stack/service', not '{target}'");
            return 1;
        }
        var stateDirectory = await StateDirectoryAsync(args, error);
        if (stateDirectory is null)
        {
            return 1;
        }
        if (!File.Exists(Path.Combine(stateDirectory, StateStore.FileName)))
        {
            await error.WriteLineAsync($"gitops-agent retry: no state in {stateDirectory} (nothing was reconciled here yet)");
            return 1;
        }
        using var loggers = CliLogging.Create(verbose: false);
        using var store = StateStore.Open(stateDirectory, TimeProvider.System, loggers.CreateLogger<StateStore>());
        var cleared = Clear(store, target);
        if (args.Flag("json"))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { cleared }, CliJson.Options));
        }
        else if (cleared.Count == 0)
        {
            await output.WriteLineAsync(target is null ? "Nothing is held on this host." : $"Nothing is held for {target}.");
        }
        else
        {
            foreach (var hold in cleared)
            {
                await output.WriteLineAsync($"Cleared the hold of {hold.Stack}/{hold.Service} (spec {hold.ConfigHash[..Math.Min(12, hold.ConfigHash.Length)]}): the next pass tries it again.");
            }
        }
        return 0;
    }

    private static List<ClearedHold> Clear(StateStore store, string? target)
    {
        var cleared = new List<ClearedHold>();
        foreach (var (key, hash) in store.GetPlanningContext().RolledBack)
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var (stack, service) = (key[..slash], key[(slash + 1)..]);
            if (target is null || target == stack || target == key)
            {
                store.ClearRolledBack(stack, service);
                cleared.Add(new ClearedHold(stack, service, hash));
            }
        }
        if (cleared.Count > 0)
        {
            var outcomes = cleared.Select(h => new ResourceOutcome("Container", h.Stack, h.Service, "Retry", HistoryOutcome, "hold of spec " + h.ConfigHash + " cleared by hand")).ToList();
            store.AddReconcile(
                new ReconcileRecord(TimeProvider.System.GetUtcNow(), null, TimeSpan.Zero, HistoryOutcome,
                    "rollback hold cleared by hand: " + string.Join(", ", cleared.Select(h => h.Stack + "/" + h.Service)), outcomes),
                AgentConfig.DefaultHistoryRetention);
        }
        return cleared;
    }

    private static async Task<string?> StateDirectoryAsync(CommandLine args, TextWriter error)
    {
        if (args.Value("state-dir") is { } explicitDirectory)
        {
            return explicitDirectory;
        }
        var path = args.Value("config");
        if (path is null && !File.Exists(AgentConfig.DefaultPath))
        {
            return AgentDefaults.StateDirectory;
        }
        var loaded = AgentConfigFile.Load(path);
        if (!loaded.IsValid)
        {
            foreach (var message in loaded.Errors)
            {
                await error.WriteLineAsync("error: " + message);
            }
            return null;
        }
        return loaded.Config!.StateDir;
    }

    private sealed record ClearedHold(string Stack, string Service, string ConfigHash);
}
