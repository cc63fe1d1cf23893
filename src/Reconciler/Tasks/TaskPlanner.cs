using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// Diffs the tasks targeted at the host against the jobs in the scheduler's store: a task only in git is created,
/// one only in the store is deleted (unscheduled; its history stays), one in both is updated when any field differs.
/// Pure: no scheduler, no clock.
/// </summary>
public static class TaskPlanner
{
    public static TaskPlan Plan(IReadOnlyDictionary<string, TaskSpec> desired, IReadOnlyList<ScheduledTask> scheduled)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(scheduled);
        var actual = scheduled.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var changes = new List<TaskChange>();
        foreach (var name in desired.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var want = desired.GetValueOrDefault(name);
            var have = actual.GetValueOrDefault(name);
            if (want is null)
            {
                changes.Add(new TaskChange(name, ChangeAction.Delete, ValueList<FieldChange>.Empty, null));
                continue;
            }
            if (have is null)
            {
                changes.Add(new TaskChange(name, ChangeAction.Create, ValueList<FieldChange>.Empty, want));
                continue;
            }
            var diff = new FieldDiff();
            TaskFields.Compare(diff, want, have);
            var fields = diff.ToList();
            changes.Add(new TaskChange(name, fields.Count == 0 ? ChangeAction.NoOp : ChangeAction.Update, fields, want));
        }
        return new TaskPlan(ValueList.From(changes));
    }
}
