namespace GitOps.Reconciler.Source;

public enum RepoTransport
{
    File,
    Git,
    Ssh,
    Http,
}
