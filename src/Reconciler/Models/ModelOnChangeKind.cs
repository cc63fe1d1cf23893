namespace GitOps.Reconciler.Models;

public enum ModelOnChangeKind
{
    Restart,
    Signal,
    None,
}
