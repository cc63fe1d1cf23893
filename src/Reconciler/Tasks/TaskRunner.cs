using GitOps.Reconciler.Desired;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// Runs one fire of a task under its policies and records it: the missed-run rule for a fire the agent was down for,
/// the stable random delay, concurrency (forbid skips, replace stops the running one, allow runs both), retries with
/// their delay, and the outcome with the output's masked tail in history.
/// </summary>
public sealed partial class TaskRunner(ITaskContainers containers, ITaskHistory history, TaskRunnerOptions options, TimeProvider time, ILogger<TaskRunner> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Running>> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _caughtUp = new(StringComparer.Ordinal);

    /// <summary>Called with every recorded run (metrics, notifications).</summary>
    public event Action<TaskRunRecord>? Recorded;

    /// <summary>Names of tasks with a run in progress.</summary>
    public IReadOnlyCollection<string> RunningTasks
    {
        get
        {
            lock (_gate)
            {
                return [.. _running.Where(r => r.Value.Count > 0).Select(r => r.Key)];
            }
        }
    }

    public async Task<TaskRunRecord> RunAsync(TaskFire fire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fire);
        var spec = fire.Spec;
        var now = time.GetUtcNow();
        if (fire.Trigger == TaskFire.CatchUp)
        {
            if (!TaskMissedRule.ShouldRun(spec, now) || !FirstCatchUp(spec, now))
            {
                return Record(fire, now, now, TaskOutcome.Missed, null, "", spec.Missed == TaskMissedPolicy.Skip
                    ? "missed while the agent was down (missed: skip)"
                    : "missed while the agent was down, beyond the starting deadline", 0);
            }
        }
        if (fire.Trigger != TaskFire.Manual && TaskRandomDelay.For(options.Host, spec) is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        var running = Enter(spec, out var previous);
        if (running is null)
        {
            LogSkipped(spec.Name);
            return Record(fire, time.GetUtcNow(), time.GetUtcNow(), TaskOutcome.Skipped, null, "", "the previous run was still going (concurrency: forbid)", 0);
        }
        try
        {
            foreach (var other in previous)
            {
                await other.Stop.CancelAsync();
                await other.Done.Task.WaitAsync(cancellationToken);
            }
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(running.Stop.Token, cancellationToken);
            var started = time.GetUtcNow();
            var attempts = 0;
            TaskAttempt attempt;
            while (true)
            {
                attempts++;
                var runId = Guid.NewGuid().ToString("N")[..12];
                attempt = await containers.RunAsync(spec, runId, linked.Token);
                if (attempt.Outcome != TaskOutcome.Failed || attempts > spec.Retries || linked.IsCancellationRequested)
                {
                    break;
                }
                LogRetrying(spec.Name, attempts, spec.Retries + 1, spec.RetryDelay);
                try
                {
                    await Task.Delay(spec.RetryDelay, time, linked.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            return Record(fire, started, time.GetUtcNow(), attempt.Outcome, attempt.ExitCode,
                TaskOutput.Keep(attempt.Output, spec.Environment), attempt.Message, attempts);
        }
        finally
        {
            Leave(spec.Name, running);
        }
    }

    /// <summary>Records a fire that was not run (a miss the scheduler reported for a <c>missed: skip</c> task).</summary>
    public TaskRunRecord RecordMissed(string task, DateTimeOffset scheduledAt, string message)
    {
        var now = time.GetUtcNow();
        return Add(new TaskRunRecord(task, scheduledAt, now, now, TaskOutcome.Missed, null, "", message, null, TaskFire.CatchUp, 0));
    }

    private Running? Enter(TaskSpec spec, out List<Running> previous)
    {
        lock (_gate)
        {
            if (!_running.TryGetValue(spec.Name, out var list))
            {
                _running[spec.Name] = list = [];
            }
            previous = [];
            if (list.Count > 0)
            {
                switch (spec.Concurrency)
                {
                    case TaskConcurrency.Forbid:
                        return null;
                    case TaskConcurrency.Replace:
                        previous = [.. list];
                        break;
                }
            }
            var running = new Running();
            list.Add(running);
            return running;
        }
    }

    private void Leave(string task, Running running)
    {
        lock (_gate)
        {
            _running[task].Remove(running);
        }
        running.Done.TrySetResult();
        running.Stop.Dispose();
    }

    // Several triggers of one task (crontab's day-of-month OR day-of-week) can all misfire: run the task once.
    private bool FirstCatchUp(TaskSpec spec, DateTimeOffset now)
    {
        lock (_gate)
        {
            var window = spec.StartingDeadline ?? TaskMissedRule.Period(spec, now);
            if (_caughtUp.TryGetValue(spec.Name, out var last) && now - last < window)
            {
                return false;
            }
            _caughtUp[spec.Name] = now;
            return true;
        }
    }

    private TaskRunRecord Record(TaskFire fire, DateTimeOffset started, DateTimeOffset ended, TaskOutcome outcome, int? exitCode, string output, string? message, int attempts) =>
        Add(new TaskRunRecord(fire.Spec.Name, fire.ScheduledAt, started, ended, outcome, exitCode, output, message, fire.Revision, fire.Trigger, attempts) { RequestId = fire.RequestId });

    private TaskRunRecord Add(TaskRunRecord run)
    {
        var id = history.AddTaskRun(run, options.HistoryKeep, options.HistoryMaxAge);
        run = run with { Id = id };
        LogRecorded(run.Task, run.Outcome, run.ExitCode, run.Duration);
        Recorded?.Invoke(run);
        return run;
    }

    private sealed class Running
    {
        public CancellationTokenSource Stop { get; } = new();

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {Task} skipped: its previous run is still going")]
    private partial void LogSkipped(string task);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {Task} attempt {Attempt} of {Attempts} failed; retrying in {Delay}")]
    private partial void LogRetrying(string task, int attempt, int attempts, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {Task} ended {Outcome} (exit code {ExitCode}) in {Duration}")]
    private partial void LogRecorded(string task, TaskOutcome outcome, int? exitCode, TimeSpan duration);
}
