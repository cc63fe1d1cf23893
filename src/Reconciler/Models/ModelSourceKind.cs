namespace GitOps.Reconciler.Models;

public enum ModelSourceKind
{
    Http,
    S3,
    Repository,
}
