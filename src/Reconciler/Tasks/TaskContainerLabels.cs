namespace GitOps.Reconciler.Tasks;

/// <summary>Labels on task containers, beside the agent's managed and owner labels. They carry no compose project
/// label, so the stack probe and its pruning never see them.</summary>
public static class TaskContainerLabels
{
    public const string Task = "io.gitops-agent.task";
    public const string Run = "io.gitops-agent.task-run";
}
