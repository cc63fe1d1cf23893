using System.Globalization;
using System.Text;
using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Tasks;

namespace GitOps.Daemon.Commands;

/// <summary><c>task history NAME</c>: a task's recorded runs, newest first, from the state store (no daemon needed).</summary>
public sealed class TaskHistoryCommand : ICommand
{
    private readonly Argument<string> _name = TaskVerbOptions.Name();
    private readonly AgentStateOptions _state = new();
    private readonly LimitOption _limit = new("runs");
    private readonly Option<bool> _json = CliOptions.Json("Print the runs as JSON (with their output).");

    public TaskHistoryCommand()
    {
        Spec = new CommandSpec(
            "history",
            "List a task's recorded runs, newest first.",
            "Times are UTC. On a terminal a table; in a pipe one tab-separated line per run "
            + "(id, scheduled, started, outcome, exit code, duration in seconds, trigger). "
            + "Exit status: 0 when the history was read (even empty), 1 on error.")
        {
            Group = "task",
        };
        Spec.Add(_name);
        Spec.AddAll([.. _state.All, _limit.Option, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (await _limit.ReadAsync(args, "task history", error) is not { } limit)
        {
            return 1;
        }
        var name = args.GetValue(_name)!;
        var runs = await StateReading.ReadTasksAsync(args, _state, error, store => store.GetTaskRuns(name, limit));
        if (runs is null)
        {
            return 1;
        }
        if (args.GetValue(_json))
        {
            await output.WriteLineAsync(CliJson.Serialize<IReadOnlyList<TaskRunRecord>>(runs, CliJsonContext.Default.IReadOnlyListTaskRunRecord));
        }
        else if (TaskVerbOptions.IsTerminal(output))
        {
            await output.WriteAsync(runs.Count == 0 ? $"No runs of task {name} are recorded.\n" : Table(runs));
        }
        else
        {
            await output.WriteAsync(string.Concat(runs.Select(r => string.Join('\t',
                r.Id.ToString(CultureInfo.InvariantCulture), Time(r.ScheduledAt), Time(r.StartedAt), r.Outcome,
                r.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-", Seconds(r), r.Trigger) + "\n")));
        }
        return 0;
    }

    private static string Table(IReadOnlyList<TaskRunRecord> runs)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"ID",6}  {"STARTED (UTC)",-19}  {"OUTCOME",-9}  {"EXIT",4}  {"DURATION",9}  {"TRIGGER",-8}  MESSAGE");
        foreach (var r in runs)
        {
            var exit = r.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{r.Id,6}  {Time(r.StartedAt),-19}  {r.Outcome,-9}  {exit,4}  {Seconds(r) + "s",9}  {r.Trigger,-8}  {r.Message}");
            text.AppendLine(line.TrimEnd());
        }
        return text.ToString();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Seconds(TaskRunRecord run) => run.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
