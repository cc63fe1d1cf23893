namespace GitOps.Reconciler.Desired;

public enum ModelSourceKind
{
    Http,
    S3,
    Repository,
}
