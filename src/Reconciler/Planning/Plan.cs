using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// What a reconcile will do on one host: a value that <c>plan</c> prints and <c>sync</c> executes.
/// <see cref="Refusals"/> are safety stops (e.g. "would remove every stack"): when any is present,
/// nothing of the plan may be applied.
/// </summary>
public sealed record Plan(string Host, ValueList<StackPlan> Stacks, ValueList<string> Refusals)
{
    public bool HasChanges => Stacks.Any(s => s.HasChanges);
}
