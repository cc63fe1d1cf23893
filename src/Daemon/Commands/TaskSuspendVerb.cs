using GitOps.Daemon.Cli;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>suspend task/NAME</c> and <c>resume task/NAME</c>: a task paused on this host, kept in the state store with who
/// and why. The daemon's next pass pauses its triggers (reported Suspended, never fired) or resumes them. Only a task
/// the host knows can be named (scheduled here, in the latest report, or suspended here).
/// </summary>
internal static class TaskSuspendVerb
{
    public const string Prefix = "task/";

    public static async Task<int> RunAsync(
        bool suspend, string task, string? reason, string who, string stateDirectory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(verbose: false);
        var known = KnownTasks(stateDirectory);
        using var store = StateStore.Open(stateDirectory, TimeProvider.System, loggers.CreateLogger<StateStore>());
        known.UnionWith(store.GetTaskSuspensions().Select(s => s.Task));
        if (!known.Contains(task))
        {
            await error.WriteLineAsync(known.Count == 0
                ? $"Unknown task '{task}': no task is scheduled on this host."
                : $"Unknown task '{task}': this host's tasks are {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            return 1;
        }
        var now = TimeProvider.System.GetUtcNow();
        if (suspend)
        {
            store.SuspendTask(new TaskSuspension(task, now, who, reason));
            await output.WriteLineAsync($"Task {task} is suspended on this host: reported, never fired, until 'gitops-agent resume task/{task}' (from the daemon's next pass).");
        }
        else
        {
            var was = store.ResumeTask(task);
            await output.WriteLineAsync(was
                ? $"Task {task} is resumed on this host: the daemon's next pass schedules it again."
                : $"Task {task} was not suspended on this host (a suspension in git stays until git changes it).");
        }
        var verb = suspend ? "suspended" : "resumed";
        var message = $"task {task} {verb} by {who}" + (reason is null ? "" : ": " + reason);
        store.AddReconcile(
            new ReconcileRecord(now, null, TimeSpan.Zero, suspend ? "Suspended" : "Resumed", message,
                [new ResourceOutcome("Task", "", task, suspend ? "suspend" : "resume", suspend ? "Suspended" : "Resumed", message)]),
            AgentConfig.DefaultHistoryRetention);
        return 0;
    }

    private static HashSet<string> KnownTasks(string stateDirectory)
    {
        var known = new DriftReportStore(stateDirectory).Latest?.Tasks?.Select(t => t.Name).ToHashSet(StringComparer.Ordinal)
            ?? new HashSet<string>(StringComparer.Ordinal);
        known.UnionWith(TaskStoreReader.Read(stateDirectory).Select(t => t.Name));
        return known;
    }
}
