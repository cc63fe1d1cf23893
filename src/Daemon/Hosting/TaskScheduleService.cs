using Docker.DotNet;
using GitOps.Reconciler.Engine;
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
    AgentPipeline pipeline, TimeProvider time, ILoggerFactory loggers, ILogger<TaskScheduleService> logger) : IHostedService, IAsyncDisposable
{
    private DockerClient? _client;
    private TaskSchedule? _schedule;

    public TaskSchedule? Schedule => _schedule;

    public TaskRunner? Runner { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var config = pipeline.Config;
        _client = new DockerClientBuilder().WithEndpoint(DockerEngine.DefaultEndpoint).WithApiVersion(DockerEngine.ApiVersion).Build();
        Runner = new TaskRunner(
            new DockerTaskContainers(pipeline.Engine, _client, config.Host, time, loggers.CreateLogger<DockerTaskContainers>()),
            (ITaskHistory)pipeline.State,
            new TaskRunnerOptions { Host = config.Host },
            time,
            loggers.CreateLogger<TaskRunner>());
        _schedule = await TaskSchedule.OpenAsync(new TaskScheduleOptions { StateDirectory = config.StateDir }, Runner, time, loggers, cancellationToken);
        pipeline.Reconciler.Tasks = _schedule;
        await _schedule.StartAsync(cancellationToken);
        LogStarted(Path.Combine(config.StateDir, TaskSchedule.FileName));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        pipeline.Reconciler.Tasks = null;
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
        _client?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled tasks run from the job store {Path}")]
    private partial void LogStarted(string path);
}
