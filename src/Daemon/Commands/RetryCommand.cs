using System.CommandLine;
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

    private readonly Argument<string?> _target = new("target")
    {
        HelpName = "stack[/service]",
        Description = "What to retry; every held service when omitted.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly AgentStateOptions _state = new();
    private readonly Option<bool> _json = CliOptions.Json("Print the cleared holds as JSON.");

    public RetryCommand()
    {
        Spec = new CommandSpec(
            "retry",
            "Clear the rollback holds of this host (all, a stack's, or one service's) so the next pass tries them again.",
            "A service is held after its new spec failed its health gate and was rolled back: the daemon does not try that spec "
            + "again until the repo changes it. Takes effect at the daemon's next pass. "
            + "Exit status: 0 when the holds asked for were cleared (or none was held), 1 on error.")
        {
            _target,
        };
        Spec.AddAll([.. _state.All, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var target = args.GetValue(_target);
        if (target is not null && (target.Length == 0 || target.StartsWith('/') || target.EndsWith('/') || target.Count(c => c == '/') > 1))
        {
            await error.WriteLineAsync($"gitops-agent retry: expected 'stack' or 'stack/service', not '{target}'");
            return 1;
        }
        var stateDirectory = await _state.ResolveAsync(args, error);
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
        if (args.GetValue(_json))
        {
            await output.WriteLineAsync(CliJson.Serialize(new RetryResultJson(cleared), CliJsonContext.Default.RetryResultJson));
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
}
