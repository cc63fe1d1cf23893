namespace GitOps.Reconciler.Tasks;

/// <summary>Where task runs are recorded (the agent's state store), bounded by count and age per task.</summary>
public interface ITaskHistory
{
    /// <summary>Adds a run and drops that task's runs beyond <paramref name="keep"/> or older than <paramref name="maxAge"/>; returns its id.</summary>
    long AddTaskRun(TaskRunRecord run, int keep, TimeSpan maxAge);

    /// <summary>The task's newest runs first.</summary>
    IReadOnlyList<TaskRunRecord> GetTaskRuns(string task, int limit);

    TaskRunRecord? GetTaskRun(long id);

    /// <summary>Each task's newest run that ran (Succeeded, Failed or TimedOut), by task.</summary>
    IReadOnlyDictionary<string, TaskRunRecord> GetLastTaskRuns();
}
