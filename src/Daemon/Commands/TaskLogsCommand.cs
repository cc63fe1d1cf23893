using System.Globalization;
using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Tasks;

namespace GitOps.Daemon.Commands;

/// <summary><c>task logs NAME [--run ID]</c>: the output a run left in history (its last 64 KiB, secrets masked).</summary>
public sealed class TaskLogsCommand : ICommand
{
    private readonly Argument<string> _name = TaskVerbOptions.Name();
    private readonly AgentStateOptions _state = new();
    private readonly Option<string?> _run = CliOptions.Value("--run", "ID", "The run's id (from 'task history'); default the latest run.");

    public TaskLogsCommand()
    {
        Spec = new CommandSpec(
            "logs",
            "Print the output of a task's run (the latest, or --run ID) as history kept it.",
            "History keeps the last 64 KiB of stdout and stderr of each run, with secret values masked. On a terminal a line "
            + "about the run comes first (to stderr); the output itself goes to stdout unchanged. "
            + "Exit status: 0 when the run was found, 1 otherwise.")
        {
            Group = "task",
        };
        Spec.Add(_name);
        Spec.AddAll([.. _state.All, _run]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var name = args.GetValue(_name)!;
        long? id = null;
        if (args.GetValue(_run) is { } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                await error.WriteLineAsync($"gitops-agent task logs: --run must be a run id (a whole number), not '{text}'");
                return 1;
            }
            id = parsed;
        }
        var found = await StateReading.ReadTasksAsync(args, _state, error, store => new Found(id is { } runId ? store.GetTaskRun(runId) : store.GetTaskRuns(name, 1).FirstOrDefault()));
        if (found is null)
        {
            return 1;
        }
        if (found.Run is not { } run || run.Task != name)
        {
            await error.WriteLineAsync(id is null ? $"gitops-agent task logs: no run of task {name} is recorded" : $"gitops-agent task logs: task {name} has no run {id}");
            return 1;
        }
        if (TaskVerbOptions.IsTerminal(output))
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"run {run.Id} of {name}: {run.Outcome}{(run.ExitCode is { } code ? $" (exit code {code})" : "")} started {run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"));
        }
        await output.WriteAsync(run.Output);
        if (run.Output.Length > 0 && !run.Output.EndsWith('\n'))
        {
            await output.WriteLineAsync();
        }
        return 0;
    }

    private sealed record Found(TaskRunRecord? Run);
}
