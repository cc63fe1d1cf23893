using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Models;

/// <summary>
/// Which consumers a pass restarts or signals, and how (pure): every consumer of a model that is installed, switched or
/// healed, once however many of its models change, by its compose project name. A restart covers any signal.
/// </summary>
public static class ModelConsumerPlanner
{
    /// <param name="projects">Compose project name by stack name (a consumer names the stack as the repository does).</param>
    public static ValueList<ModelConsumerAction> Plan(IEnumerable<ModelChange> changes, IReadOnlyDictionary<string, string> projects)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(projects);
        var actions = new List<ModelConsumerAction>();
        foreach (var change in changes.Where(c => c.Step is ModelAction.Create or ModelAction.Update or ModelAction.Heal))
        {
            var onChange = change.Spec.OnChange;
            if (onChange.Kind == ModelOnChangeKind.None)
            {
                continue;
            }
            foreach (var consumer in change.Spec.Consumers)
            {
                var slash = consumer.IndexOf('/', StringComparison.Ordinal);
                var stack = consumer[..slash];
                var (project, service) = (projects.GetValueOrDefault(stack, stack), consumer[(slash + 1)..]);
                var at = actions.FindIndex(a => a.Project == project && a.Service == service);
                var action = at >= 0 ? actions[at] : new ModelConsumerAction(project, service, false, ValueList<string>.Empty, ValueList<string>.Empty);
                action = action with { Models = ValueList.From(action.Models.Append(change.Spec.Name).Distinct(StringComparer.Ordinal)) };
                action = onChange.Kind == ModelOnChangeKind.Restart
                    ? action with { Restart = true, Signals = ValueList<string>.Empty }
                    : action.Restart || action.Signals.Contains(onChange.Signal!) ? action
                    : action with { Signals = ValueList.From(action.Signals.Append(onChange.Signal!)) };
                if (at >= 0)
                {
                    actions[at] = action;
                }
                else
                {
                    actions.Add(action);
                }
            }
        }
        return ValueList.From(actions);
    }

    /// <summary>The changes with what their consumers will be told added to the reason people read.</summary>
    public static IEnumerable<ModelChange> Annotate(IEnumerable<ModelChange> changes, ValueList<ModelConsumerAction> actions) =>
        changes.Select(change => actions.Where(a => a.Models.Contains(change.Spec.Name)).ToList() is { Count: > 0 } told
            ? change with { Reason = change.Reason + "; then " + string.Join(", ", told) }
            : change);
}
