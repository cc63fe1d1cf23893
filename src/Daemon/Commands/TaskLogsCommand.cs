using System.Globalization;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Tasks;

namespace GitOps.Daemon.Commands;

/// <summary><c>task logs NAME [--run ID]</c>: the output a run left in history (its last 64 KiB, secrets masked).</summary>
public sealed class TaskLogsCommand : ICommand
{
    public CommandSpec Spec { get; } = new(
        "task logs",
        "Print the output of a task's run (the latest, or --run ID) as history kept it.",
        [new PositionalSpec("name", "The task's name (tasks/NAME.yaml).")],
        [
            TaskVerbOptions.Config,
            TaskVerbOptions.StateDir,
            new OptionSpec("run", "The run's id (from 'task history'); default the latest run.", TakesValue: true, ValueName: "ID"),
        ],
        "History keeps the last 64 KiB of stdout and stderr of each run, with secret values masked. On a terminal a line "
        + "about the run comes first (to stderr); the output itself goes to stdout unchanged. "
        + "Exit status: 0 when the run was found, 1 otherwise.");

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var name = args.Positionals[0];
        long? id = null;
        if (args.Value("run") is { } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                await error.WriteLineAsync($"gitops-agent task logs: --run must be a run id (a whole number), not '{text}'");
                return 1;
            }
            id = parsed;
        }
        var found = await TaskRuns.ReadAsync(args, error, store => new Found(id is { } runId ? store.GetTaskRun(runId) : store.GetTaskRuns(name, 1).FirstOrDefault()));
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
