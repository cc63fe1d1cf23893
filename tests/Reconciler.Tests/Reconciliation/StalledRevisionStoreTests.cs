using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Reconciliation;

public sealed class StalledRevisionStoreTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("stalled-");

    [Fact]
    public void Save_ThenLoad_RoundTripsCommitReasonAndDiagnostics()
    {
        var store = new StalledRevisionStore(_dir.FullName);
        var stalled = new StalledRevision("abc123", ReconcileStatus.ValidationFailed, new DriftStall(
            "revision abc123 is invalid:\nsee below",
            ValueList.Of(new DriftDiagnostic("stacks/web/compose.yaml", 4, 5, "unknown key 'bogus'\twith tab"))));

        store.Save(stalled);
        var loaded = new StalledRevisionStore(_dir.FullName).Load();

        Assert.NotNull(loaded);
        Assert.Equal("abc123", loaded.Commit);
        Assert.Equal(ReconcileStatus.ValidationFailed, loaded.Status);
        Assert.Equal("revision abc123 is invalid: see below", loaded.Stall.Reason);
        Assert.Equal(new DriftDiagnostic("stacks/web/compose.yaml", 4, 5, "unknown key 'bogus' with tab"), Assert.Single(loaded.Stall.Diagnostics));
    }

    [Fact]
    public void Load_SavedUnderAnotherHostPolicy_NotRestored()
    {
        var stalled = new StalledRevision("abc123", ReconcileStatus.ValidationFailed, new DriftStall("refused", ValueList<DriftDiagnostic>.Empty));
        new StalledRevisionStore(_dir.FullName) { Judgement = "policy-a" }.Save(stalled);

        Assert.NotNull(new StalledRevisionStore(_dir.FullName) { Judgement = "policy-a" }.Load());
        Assert.Null(new StalledRevisionStore(_dir.FullName) { Judgement = "policy-b" }.Load());
    }

    [Fact]
    public void Load_SavedWithoutJudgement_RestoredUnderAny()
    {
        new StalledRevisionStore(_dir.FullName).Save(new StalledRevision("abc123", ReconcileStatus.ValidationFailed, new DriftStall("invalid", ValueList<DriftDiagnostic>.Empty)));

        Assert.NotNull(new StalledRevisionStore(_dir.FullName) { Judgement = "policy-b" }.Load());
    }

    [Fact]
    public void Load_MissingOrGarbledFile_Null()
    {
        var store = new StalledRevisionStore(_dir.FullName);
        Assert.Null(store.Load());

        File.WriteAllText(store.Path, "only one line");
        Assert.Null(store.Load());
    }

    [Fact]
    public void Clear_AfterSave_NothingLoads()
    {
        var store = new StalledRevisionStore(_dir.FullName);
        store.Save(new StalledRevision("c", ReconcileStatus.VerificationFailed, new DriftStall("unsigned", ValueList<DriftDiagnostic>.Empty)));

        store.Clear();

        Assert.Null(store.Load());
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
