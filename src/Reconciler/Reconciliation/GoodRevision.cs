using GitOps.Reconciler.Source;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>A materialized revision that passed Verify and validation: what self-heal converges to while newer commits fail.</summary>
public sealed record GoodRevision(MaterializedRevision Tree, bool Verified)
{
    public string Commit => Tree.Commit;
}
