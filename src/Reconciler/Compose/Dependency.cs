namespace GitOps.Reconciler.Compose;

public enum DependencyCondition
{
    ServiceStarted,
    ServiceHealthy,
    ServiceCompletedSuccessfully,
}

/// <summary>A depends_on entry: start after <c>service</c> reaches <see cref="Condition"/>.</summary>
public sealed record Dependency(DependencyCondition Condition, bool Restart = false, bool Required = true);
