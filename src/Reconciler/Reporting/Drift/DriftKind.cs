namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>The kinds of resource a drift report lists.</summary>
public enum DriftKind
{
    Stack,
    Service,
    Network,
    Volume,
    Task,
    Model,
}
