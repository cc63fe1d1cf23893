namespace GitOps.Reconciler.Tasks;

/// <summary>Tasks paused on this host (the agent's state store), kept apart from git's <c>suspended: true</c>.</summary>
public interface ITaskSuspensions
{
    IReadOnlyList<TaskSuspension> GetTaskSuspensions();

    void SuspendTask(TaskSuspension suspension);

    /// <summary>False when the task was not suspended here.</summary>
    bool ResumeTask(string task);
}
