using System.Globalization;
using System.Text;
using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Tasks;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>tasks</c>: the tasks scheduled on this host, read from the job store and the history directly (no daemon
/// needed): schedule, time zone, next fire, and the last run's outcome and duration. The store's file is read with SQL,
/// read-only: no second scheduler is built, so the daemon's stays the only one that fires.
/// </summary>
public sealed class TasksCommand : ICommand
{
    private readonly AgentStateOptions _state = new();
    private readonly Option<bool> _json = CliOptions.Json("Print the tasks as JSON.");

    public TasksCommand()
    {
        Spec = new CommandSpec(
            "tasks",
            "List the scheduled tasks of this host: schedule, time zone, next fire, last run.",
            "Times are UTC. On a terminal a table; in a pipe one tab-separated line per task "
            + "(name, schedule, time zone, next fire, last outcome, last duration in seconds). "
            + "Exit status: 0 when the tasks were read (even none), 1 on error.");
        Spec.AddAll([.. _state.All, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var stateDirectory = await _state.ResolveAsync(args, error);
        if (stateDirectory is null)
        {
            return 1;
        }
        var (last, local) = ReadHistory(stateDirectory);
        var listings = TaskStoreReader.Read(stateDirectory)
            .Select(t => TaskListing.Of(t, last.GetValueOrDefault(t.Name), local.GetValueOrDefault(t.Name)))
            .ToList();
        if (args.GetValue(_json))
        {
            await output.WriteLineAsync(CliJson.Serialize<IReadOnlyList<TaskListing>>(listings, CliJsonContext.Default.IReadOnlyListTaskListing));
        }
        else if (TaskVerbOptions.IsTerminal(output))
        {
            await output.WriteAsync(listings.Count == 0 ? "No tasks are scheduled on this host.\n" : Table(listings));
        }
        else
        {
            await output.WriteAsync(string.Concat(listings.Select(Plain)));
        }
        return 0;
    }

    private static (IReadOnlyDictionary<string, TaskRunRecord> Last, Dictionary<string, TaskSuspension> Local) ReadHistory(string stateDirectory)
    {
        if (!File.Exists(Path.Combine(stateDirectory, StateStore.FileName)))
        {
            return (new Dictionary<string, TaskRunRecord>(), []);
        }
        using var store = StateStore.OpenReadOnly(stateDirectory, TimeProvider.System);
        return (store.GetLastTaskRuns(), store.GetTaskSuspensions().ToDictionary(s => s.Task, StringComparer.Ordinal));
    }

    private static string Table(IReadOnlyList<TaskListing> listings)
    {
        var rows = listings.Select(t => new[]
        {
            t.Name, t.Schedule, t.TimeZone ?? "-", t.Suspended ? "suspended" : Time(t.NextFire),
            t.LastRun?.Outcome.ToString() ?? "-", t.LastRun is { } r ? Seconds(r.DurationSeconds) + "s" : "-",
        }).Prepend(["NAME", "SCHEDULE", "TIME ZONE", "NEXT FIRE (UTC)", "LAST RUN", "DURATION"]).ToList();
        var widths = Enumerable.Range(0, 6).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
        return text.ToString();
    }

    private static string Plain(TaskListing t) => string.Join('\t',
        t.Name, t.Schedule, t.TimeZone ?? "-", t.Suspended ? "suspended" : Time(t.NextFire),
        t.LastRun?.Outcome.ToString() ?? "-", t.LastRun is { } r ? Seconds(r.DurationSeconds) : "-") + "\n";

    private static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    private static string Seconds(double seconds) => seconds.ToString("0.0##", CultureInfo.InvariantCulture);
}
