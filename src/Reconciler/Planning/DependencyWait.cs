namespace GitOps.Reconciler.Planning;

/// <summary>What a service waits for from a service it depends on before its own containers start (<see cref="ServiceSteps.StartsAfter"/>).</summary>
public enum DependencyWait
{
    /// <summary>
    /// The dependency's containers run (<c>depends_on</c> with <c>service_started</c>, the short form): both gates overlap,
    /// and the dependent counts as converged only once the dependency passed its gate too; a dependency that fails its
    /// gate takes the dependent back to what it was before the pass.
    /// </summary>
    Started,

    /// <summary>The dependency passed its gate (<c>service_healthy</c>, <c>service_completed_successfully</c>, or a shared
    /// <c>network_mode</c>/<c>pid</c>/<c>ipc</c> namespace, which needs the dependency's final container).</summary>
    Passed,
}
