using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>suspend &lt;stack&gt;</c> and <c>resume &lt;stack&gt;</c>: a local suspension kept in the state store. A suspended
/// stack is still probed and reported, but never touched (no deploy, no self-heal, no teardown) until resumed.
/// Only a stack the host knows can be named (one of the latest report's stacks, or one suspended here): a typo must
/// not look like a suspension. Who did it and why (<c>--reason</c>) go into the history.
/// </summary>
public sealed class SuspendCommand : ICommand
{
    private readonly bool _suspend;
    private readonly Argument<string> _stack = new("stack") { Description = "The stack (compose project) name, or task/NAME for a scheduled task." };
    private readonly Option<string?> _reason;
    private readonly AgentStateOptions _state = new();

    public SuspendCommand(bool suspend)
    {
        _suspend = suspend;
        _reason = CliOptions.Value("--reason", "TEXT", suspend ? "Why, for the history and for whoever looks next." : "Why, for the history.");
        Spec = suspend
            ? new CommandSpec(
                "suspend",
                "Suspend a stack (or task/NAME) on this host: it stays reported but is never touched (fired) until resumed.",
                "Takes effect at the daemon's next pass. A stack suspended in the repo (stack.yaml) stays suspended whatever is set here. "
                + "The stack must be one of the host's latest report (exit 1 otherwise). Who suspended it and why are recorded in the history.")
            : new CommandSpec(
                "resume",
                "Resume a stack (or task/NAME) suspended on this host with 'suspend'.",
                "Takes effect at the daemon's next pass, which converges the stack again. Exit 1 for a stack the host does not know.");
        Spec.Add(_stack);
        Spec.AddAll([_reason, _state.StateDirectory, _state.Config]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var stack = args.GetValue(_stack)!;
        var reason = args.GetValue(_reason);
        if (await _state.ResolveAsync(args, error) is not { } stateDirectory)
        {
            return 1;
        }
        if (stack.StartsWith(TaskSuspendVerb.Prefix, StringComparison.Ordinal))
        {
            return await TaskSuspendVerb.RunAsync(_suspend, stack[TaskSuspendVerb.Prefix.Length..], reason, Who(), stateDirectory, output, error, cancellationToken);
        }
        using var loggers = CliLogging.Create(verbose: false);
        using var store = StateStore.Open(stateDirectory, TimeProvider.System, loggers.CreateLogger<StateStore>());
        var known = KnownStacks(stateDirectory, store);
        if (!known.Contains(stack))
        {
            await error.WriteLineAsync(known.Count == 0
                ? $"Unknown stack '{stack}': this host has no drift report yet, so it knows no stacks (run the daemon or 'gitops-agent sync' first)."
                : $"Unknown stack '{stack}': this host's stacks are {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            return 1;
        }
        var who = Who();
        var verb = _suspend ? "suspended" : "resumed";
        if (_suspend)
        {
            store.Suspend(stack);
            await output.WriteLineAsync($"Stack {stack} is suspended on this host: reported, never touched, until 'gitops-agent resume {stack}'.");
        }
        else
        {
            store.Resume(stack);
            await output.WriteLineAsync($"Stack {stack} is resumed on this host: the next reconcile converges it.");
        }
        var message = $"stack {stack} {verb} by {who}" + (reason is null ? "" : ": " + reason);
        store.AddReconcile(
            new ReconcileRecord(
                TimeProvider.System.GetUtcNow(), null, TimeSpan.Zero, _suspend ? "Suspended" : "Resumed", message,
                [new ResourceOutcome("Stack", stack, stack, _suspend ? "suspend" : "resume", _suspend ? "Suspended" : "Resumed", message)]),
            AgentConfig.DefaultHistoryRetention);
        return 0;
    }

    /// <summary>The stacks of the latest report, and those suspended here (always resumable).</summary>
    private static HashSet<string> KnownStacks(string stateDirectory, IStateStore store)
    {
        var known = new DriftReportStore(stateDirectory).Latest?.Resources
            .Where(r => r.Kind == DriftKind.Stack)
            .Select(r => r.Stack)
            .ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>(StringComparer.Ordinal);
        known.UnionWith(store.GetPlanningContext().LocallySuspended);
        return known;
    }

    /// <summary>The person behind the command: the sudo caller when run through sudo, else the account.</summary>
    private static string Who() =>
        Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } caller ? caller : Environment.UserName;
}
