using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Planning;

/// <summary>Diff desired against actual state into a <see cref="Plan"/>. Pure: no I/O, no clock, no logging.</summary>
public static class Planner
{
    public static Plan Plan(DesiredState desired, ActualState actual, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(context);
        throw new NotSupportedException("planning is being written");
    }
}
