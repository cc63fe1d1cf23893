namespace GitOps.Reconciler.Desired;

public enum ModelOnChangeKind
{
    Restart,
    Signal,
    None,
}
