namespace GitOps.Reconciler.Configuration;

public enum GitRefKind
{
    Branch,
    Tag,
    Commit,
}
