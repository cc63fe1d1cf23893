using GitOps.Daemon.Cli;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>suspend &lt;stack&gt;</c> and <c>resume &lt;stack&gt;</c>: a local suspension kept in the state store. A suspended
/// stack is still probed and reported, but never touched (no deploy, no self-heal, no teardown) until resumed.
/// </summary>
public sealed class SuspendCommand(bool suspend) : ICommand
{
    public CommandSpec Spec { get; } = suspend
        ? new(
            "suspend",
            "Suspend a stack on this host: it stays reported but is never touched until resumed.",
            [new PositionalSpec("stack", "The stack (compose project) name.")],
            [new OptionSpec("state-dir", $"The agent's state directory (default {AgentDefaults.StateDirectory}).", TakesValue: true, ValueName: "DIR")],
            "Takes effect at the daemon's next pass. A stack suspended in the repo (stack.yaml) stays suspended whatever is set here.")
        : new(
            "resume",
            "Resume a stack suspended on this host with 'suspend'.",
            [new PositionalSpec("stack", "The stack (compose project) name.")],
            [new OptionSpec("state-dir", $"The agent's state directory (default {AgentDefaults.StateDirectory}).", TakesValue: true, ValueName: "DIR")],
            "Takes effect at the daemon's next pass, which converges the stack again.");

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var stack = args.Positionals[0];
        var stateDirectory = args.Value("state-dir") ?? AgentDefaults.StateDirectory;
        using var loggers = CliLogging.Create(verbose: false);
        using var store = StateStore.Open(stateDirectory, TimeProvider.System, loggers.CreateLogger<StateStore>());
        if (suspend)
        {
            store.Suspend(stack);
            await output.WriteLineAsync($"Stack {stack} is suspended on this host: reported, never touched, until 'gitops-agent resume {stack}'.");
        }
        else
        {
            store.Resume(stack);
            await output.WriteLineAsync($"Stack {stack} is resumed on this host: the next reconcile converges it.");
        }
        return 0;
    }
}
