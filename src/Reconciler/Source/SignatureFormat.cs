namespace GitOps.Reconciler.Source;

public enum SignatureFormat
{
    Ssh,
    OpenPgp,
}
