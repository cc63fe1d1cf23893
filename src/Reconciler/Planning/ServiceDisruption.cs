namespace GitOps.Reconciler.Planning;

/// <summary>Whether applying a plan takes running services away for a while (what a rollout wave's lease bounds).</summary>
public static class ServiceDisruption
{
    /// <summary>True when a container is replaced, updated or removed, or a stack torn down. Creating what did not run,
    /// networks, volumes, tasks and models take nothing away.</summary>
    public static bool ReplacesServices(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Kinds.OfType<StacksPlan>().SelectMany(k => k.Stacks)
            .Where(s => s.Action != StackAction.Suspended)
            .SelectMany(s => s.Changes)
            .Any(c => c is ServiceChange { Action: ChangeAction.Replace or ChangeAction.Update or ChangeAction.Delete });
    }
}
