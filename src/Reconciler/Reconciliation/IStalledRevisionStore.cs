namespace GitOps.Reconciler.Reconciliation;

/// <summary>Where the stalled commit is kept across restarts, so a restart does not retry it.</summary>
public interface IStalledRevisionStore
{
    StalledRevision? Load();

    void Save(StalledRevision stalled);

    void Clear();
}
