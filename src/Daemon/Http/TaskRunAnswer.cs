using GitOps.Reconciler.Tasks;

namespace GitOps.Daemon.Http;

/// <summary>What became of a request to run a task now.</summary>
public enum TaskRunVerdict
{
    Accepted,

    /// <summary>No such task is scheduled on this host.</summary>
    Unknown,

    /// <summary>Refused: suspended, or <c>concurrency: forbid</c> with a run going.</summary>
    Refused,

    /// <summary>The scheduler is not running (yet, or any more).</summary>
    Unavailable,
}

/// <param name="Request">Set when accepted: its id follows the run.</param>
/// <param name="Reason">Why, when not accepted.</param>
public sealed record TaskRunAnswer(TaskRunVerdict Verdict, TaskRunRequest? Request = null, string? Reason = null);
