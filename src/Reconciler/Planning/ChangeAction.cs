namespace GitOps.Reconciler.Planning;

/// <summary>What the plan does to one resource.</summary>
public enum ChangeAction
{
    NoOp,
    Create,
    Update,
    Replace,
    Delete,
}

public enum ResourceKind
{
    Network,
    Volume,
    Container,
    Task,
    Model,
}
