using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Tasks;

/// <summary>The engine side of a task run: one attempt of <paramref name="spec"/>, as a new container or an exec.</summary>
public interface ITaskContainers
{
    /// <summary>
    /// Runs the task once and waits for it, at most its timeout (then it is stopped: TERM, KILL after the stop
    /// grace, and the attempt is TimedOut). Cancelling stops it the same way and returns Failed. Never throws for
    /// what the engine says about the run (a pull failure, a missing exec target): those are Failed attempts.
    /// </summary>
    Task<TaskAttempt> RunAsync(TaskSpec spec, string runId, CancellationToken cancellationToken);
}
