namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>The type of a scalar; SOPS records it in the <c>type:</c> field of an encrypted value.</summary>
public enum SopsScalarKind
{
    String,
    Int,
    Float,
    Bool,
    Null,
}
