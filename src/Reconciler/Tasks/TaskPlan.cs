using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// What converging the tasks kind would do: one change per task desired or scheduled, ordered by name. The tasks
/// kind's part of the host plan: a task that joins a stack's network (<c>network:</c>) or execs in a stack's service
/// (<c>service:</c>) needs it, so the stack is applied first.
/// </summary>
public sealed record TaskPlan(ValueList<TaskChange> Changes) : IKindPlan
{
    public const string KindName = "tasks";

    public static readonly TaskPlan Empty = new(ValueList<TaskChange>.Empty);

    public string Kind => KindName;

    public bool HasChanges => Changes.Any(c => c.Action != ChangeAction.NoOp);

    public IReadOnlyList<PlanSection> Sections =>
        Changes.Count == 0 ? [] : [new PlanSection(KindName, "", StackAction.Converge, ValueList.From<ResourceChange>(Changes))];

    public IEnumerable<PlanLink> Provides => [];

    public IEnumerable<PlanLink> Needs =>
        Changes.Where(c => c.Desired is not null).SelectMany(c => Links(c, c.Desired!));

    private static IEnumerable<PlanLink> Links(TaskChange change, Desired.TaskSpec spec)
    {
        var task = new ResourceRef(ResourceKind.Task, "", change.Task);
        if (spec.Network is { } network)
        {
            yield return new PlanLink("network:" + network, task, $"task {change.Task} joins network {network}");
        }
        if (spec.Exec is { } exec)
        {
            yield return new PlanLink("service:" + exec.Stack + "/" + exec.Service, task, $"task {change.Task} runs in {exec.Stack}/{exec.Service}");
        }
    }
}
