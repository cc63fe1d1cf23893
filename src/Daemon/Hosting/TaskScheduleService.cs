using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// Runs the scheduled-tasks kind in the daemon: opens the Quartz scheduler on its SQLite job store in the state
/// directory, hands it to the reconcile pass (which converges the jobs with git), and starts firing. Registered
/// before the reconcile loop, so the first pass already converges tasks. Stopping waits for runs in progress,
/// each bounded by its timeout.
/// </summary>
public sealed partial class TaskScheduleService(
    AgentConfig config, HostReconciler reconciler, TaskRunner runner, TimeProvider time, ILoggerFactory loggers, ILogger<TaskScheduleService> logger)
    : IHostedService, IAsyncDisposable
{
    private TaskSchedule? _schedule;

    public TaskSchedule? Schedule => _schedule;

    public TaskRunner Runner => runner;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _schedule = await TaskSchedule.OpenAsync(new TaskScheduleOptions { StateDirectory = config.StateDir }, runner, time, loggers, cancellationToken);
        reconciler.Tasks = _schedule;
        await _schedule.StartAsync(cancellationToken);
        LogStarted(Path.Combine(config.StateDir, TaskSchedule.FileName));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        reconciler.Tasks = null;
        if (_schedule is not null)
        {
            await _schedule.StopAsync(waitForRuns: true, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_schedule is not null)
        {
            await _schedule.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled tasks run from the job store {Path}")]
    private partial void LogStarted(string path);
}
