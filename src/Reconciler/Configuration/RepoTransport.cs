namespace GitOps.Reconciler.Configuration;

public enum RepoTransport
{
    File,
    Git,
    Ssh,
    Http,
}
