using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Models;

/// <summary>The pure parts of the models kind: planning, path policy, garbage collection, drift rows.</summary>
public class ModelPlannerTests
{
    private static readonly string A = new('a', 64);
    private static readonly string B = new('b', 64);

    private static ModelSpec Spec(string version = "2", string sha = "") => new(
        "ocr", version,
        ValueList.Of(new ModelFile("layout.onnx", new ModelSource(ModelSourceKind.Http, "https://h/l"), sha.Length == 0 ? A : sha)),
        "/srv/models/ocr", new SourcePosition("models/ocr.yaml", 6, 7));

    private static ModelActual Actual(string? linked, ModelPathEntry entry = ModelPathEntry.Link, ModelRecord? record = null, params (string, string)[] files) =>
        new(entry, linked is null ? null : "/state/models/versions/ocr/" + linked, linked,
            new ValueMap<string>(files.Select(f => KeyValuePair.Create(f.Item1, f.Item2))), ValueList<string>.Empty, null, record ?? ModelRecord.Empty);

    [Fact]
    public void Plan_NothingAtPath_CreateWithDownload()
    {
        var spec = Spec();
        var change = ModelPlanner.Plan(spec, Actual(null, ModelPathEntry.Missing) with { MissingBlobs = ValueList.Of(A) });
        Assert.Equal(ModelAction.Create, change.Step);
        Assert.Equal(["path /srv/models/ocr: want version 2, have nothing"], change.Differences);
        Assert.Equal("layout.onnx", Assert.Single(change.Downloads).Name);
    }

    [Fact]
    public void Plan_SizesAnnounced_BytesToDownloadInTheReason()
    {
        var change = ModelPlanner.Plan(Spec(), Actual(null, ModelPathEntry.Missing) with
        {
            MissingBlobs = ValueList.Of(A),
            RemainingBytes = ValueMap.From([KeyValuePair.Create(A, 412L << 20)]),
        });

        Assert.Equal(412L << 20, change.DownloadBytes);
        Assert.EndsWith("; 1 file, 412.0 MB to download (layout.onnx)", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SizeNotAnnounced_ReasonSaysSo()
    {
        var change = ModelPlanner.Plan(Spec(), Actual(null, ModelPathEntry.Missing) with { MissingBlobs = ValueList.Of(A) });

        Assert.Null(change.DownloadBytes);
        Assert.EndsWith("; 1 file to download (layout.onnx; size not announced)", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanDownloads_FileSharedByTwoModels_CountedOnce()
    {
        var sizes = ValueMap.From([KeyValuePair.Create(A, 2048L)]);
        var first = ModelPlanner.Plan(Spec(), Actual(null, ModelPathEntry.Missing) with { MissingBlobs = ValueList.Of(A), RemainingBytes = sizes });
        var second = ModelPlanner.Plan(Spec() with { Name = "nlp", Path = "/srv/models/nlp" }, Actual(null, ModelPathEntry.Missing) with { MissingBlobs = ValueList.Of(A), RemainingBytes = sizes });

        var plan = new ModelPlan(ValueList.Of(first, second));

        Assert.Equal(2048L, plan.DownloadBytes);
        Assert.Equal("models: 1 file, 2.0 KB to download", plan.DownloadSummary);
    }

    [Fact]
    public void ApplyProgress_DownloadOfKnownSize_ALinePerTenthWithRate()
    {
        var events = new List<GitOps.Reconciler.Apply.ApplyEvent>();
        var progress = new ModelApplyProgress(new Inline<GitOps.Reconciler.Apply.ApplyEvent>(events.Add));

        for (var received = 0L; received <= 100L << 20; received += 1L << 20)
        {
            progress.Report(new ModelProgress("ocr", "layout.onnx", received, 100L << 20) { BytesPerSecond = 50L << 20 });
        }

        Assert.Equal(11, events.Count);
        Assert.All(events, e => Assert.Equal(GitOps.Reconciler.Apply.ApplyPhase.Downloading, e.Phase));
        Assert.Equal("ocr/layout.onnx", events[0].Stack + "/" + events[0].Resource);
        Assert.Equal("100.0 MB of 100.0 MB, 50.0 MB/s", events[^1].Detail);
    }

    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Fact]
    public void Plan_OtherVersionLinked_UpdateNamesBothVersions()
    {
        var record = ModelRecord.Empty with { Current = "old", Versions = new Dictionary<string, string> { ["old"] = "1" } };
        var change = ModelPlanner.Plan(Spec(), Actual("old", record: record));
        Assert.Equal(ModelAction.Update, change.Step);
        Assert.Equal(["version: want 2, have 1"], change.Differences);
        Assert.Equal("old", change.FromDigest);
    }

    [Fact]
    public void Plan_WantedVersionAllFilesMatch_NoOp()
    {
        var spec = Spec();
        Assert.Equal(ModelAction.NoOp, ModelPlanner.Plan(spec, Actual(spec.Digest, files: ("layout.onnx", A))).Step);
    }

    [Fact]
    public void Plan_FileHashDiffers_HealFieldLevel()
    {
        var spec = Spec();
        var change = ModelPlanner.Plan(spec, Actual(spec.Digest, files: ("layout.onnx", B)));
        Assert.Equal(ModelAction.Heal, change.Step);
        Assert.Equal(["sha256 of layout.onnx: want aaaaaaaaaaaa…, have bbbbbbbbbbbb…"], change.Differences);
        Assert.Empty(change.Downloads);
    }

    [Fact]
    public void Plan_FileMissingAndStrayFile_BothReported()
    {
        var spec = Spec();
        var change = ModelPlanner.Plan(spec, Actual(spec.Digest, files: ("notes.txt", B)));
        Assert.Equal(["layout.onnx: want sha256 aaaaaaaaaaaa…, have no file", "notes.txt: want no file, have one"], change.Differences);
    }

    [Fact]
    public void Plan_HeldDigest_HeldNotRetried()
    {
        var spec = Spec();
        var record = ModelRecord.Empty with { HeldDigest = spec.Digest, HeldReason = "consumer ocr/worker: unhealthy" };
        var change = ModelPlanner.Plan(spec, Actual("old", record: record));
        Assert.Equal(ModelAction.Held, change.Step);
        Assert.False(change.HasChanges);
    }

    [Fact]
    public void Plan_Refusal_Refused()
    {
        var change = ModelPlanner.Plan(Spec(), Actual(null) with { Refusal = "no" });
        Assert.Equal(ModelAction.Refused, change.Step);
        Assert.Equal("no", change.Why);
    }

    [Fact]
    public void PlanRemoval_ItsOwnLink_DeleteOfTheLinkedVersion()
    {
        var record = ModelRecord.Empty with { Current = "d1", Versions = new Dictionary<string, string> { ["d1"] = "1.0" }, Path = "/srv/models/ocr", Consumers = ["ocr/worker"] };

        var change = ModelPlanner.PlanRemoval("ocr", Actual("d1", record: record));

        Assert.Equal(ModelAction.Remove, change.Step);
        Assert.Equal(ChangeAction.Delete, change.Action);
        Assert.True(change.HasChanges);
        Assert.Equal(["path /srv/models/ocr: want nothing, have version 1.0"], change.Differences);
        Assert.Equal("d1", change.FromDigest);
        Assert.Null(change.Why);
        Assert.Equal(["ocr/worker"], change.Spec.Consumers);
    }

    [Theory]
    [InlineData(ModelPathEntry.Directory, "is a directory the agent did not make: left as it is")]
    [InlineData(ModelPathEntry.Link, "not to this model: left as it is")]
    public void PlanRemoval_PathNotItsLink_RemovalSaysThePathIsLeft(ModelPathEntry entry, string left)
    {
        var record = ModelRecord.Empty with { Current = "d1", Path = "/srv/models/ocr" };
        var actual = new ModelActual(entry, entry == ModelPathEntry.Link ? "/elsewhere" : null, null, ValueMap<string>.Empty, ValueList<string>.Empty, null, record);

        var change = ModelPlanner.PlanRemoval("ocr", actual);

        Assert.Equal(ModelAction.Remove, change.Step);
        Assert.Empty(change.Fields);
        Assert.Contains(left, change.Why, StringComparison.Ordinal);
        Assert.Contains(left, change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DriftRows_Removal_ExtraUntilApplied_ThenNoRow()
    {
        var record = ModelRecord.Empty with { Current = "d1", Path = "/srv/models/ocr" };
        var plan = new ModelPlan(ValueList.Of(ModelPlanner.PlanRemoval("ocr", Actual("d1", record: record))));

        var row = Assert.Single(ModelDrift.Rows(plan, null)!);
        Assert.Equal(ResourceStatus.Extra, row.Status);
        Assert.Equal("d1", row.Digest);
        Assert.Empty(ModelDrift.Rows(plan, [new ModelOutcome("ocr", ModelStatus.Removed, null, 0, TimeSpan.Zero)])!);
    }

    [Theory]
    [InlineData("/srv/models/ocr", null)]
    [InlineData("/opt/ocr", "is outside the allowed roots")]
    [InlineData("/srv/models", "is outside the allowed roots")]
    [InlineData("/var/lib/gitops-agent/m", "overlaps the agent's state directory")]
    public void PathPolicy_Paths(string resolved, string? refusal)
    {
        var result = ModelPathPolicy.Refusal(Spec(), resolved, "/var/lib/gitops-agent", ["/srv/models", "/var/lib"], ModelPathEntry.Missing);
        if (refusal is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(refusal, result, StringComparison.Ordinal);
            Assert.Contains("models/ocr.yaml:6:7", result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PathPolicy_StateDirectoryBelowPath_Refused() =>
        Assert.Contains("overlaps", ModelPathPolicy.Refusal(Spec(), "/var/lib", "/var/lib/gitops-agent", ["/"], ModelPathEntry.Missing), StringComparison.Ordinal);

    [Fact]
    public void PathPolicy_ExistingDirectory_RefusedUnlessAdopt()
    {
        Assert.Contains("did not create", ModelPathPolicy.Refusal(Spec(), "/srv/models/ocr", "/state", ["/srv/models"], ModelPathEntry.Directory), StringComparison.Ordinal);
        Assert.Null(ModelPathPolicy.Refusal(Spec() with { Adopt = true }, "/srv/models/ocr", "/state", ["/srv/models"], ModelPathEntry.Directory));
        Assert.NotNull(ModelPathPolicy.Refusal(Spec() with { Adopt = true }, "/srv/models/ocr", "/state", ["/srv/models"], ModelPathEntry.File));
    }

    [Fact]
    public void GarbageDecide_KeepsCurrentAndKeptPrevious_DropsUnreferencedBlobs()
    {
        var versions = new Dictionary<string, IReadOnlyList<string>> { ["ocr"] = ["v1", "v2", "v3"], ["nlp"] = ["n1"] };
        var kept = new Dictionary<string, IReadOnlySet<string>>
        {
            ["ocr"] = ModelGarbage.Kept(ModelRecord.Empty with { Current = "v3", Previous = ["v2", "v1"], Keep = 1 }),
            ["nlp"] = new HashSet<string> { "n1" },
        };
        var manifests = new Dictionary<(string Model, string Digest), IReadOnlyList<string>>
        {
            [("ocr", "v1")] = ["b1", "shared"],
            [("ocr", "v2")] = ["b2", "shared"],
            [("ocr", "v3")] = ["b3", "shared"],
            [("nlp", "n1")] = ["b1"],
        };

        var (dropVersions, dropBlobs) = ModelGarbage.Decide(versions, kept, manifests, ["b1", "b2", "b3", "shared", "orphan"]);

        Assert.Equal([("ocr", "v1")], dropVersions);
        // b1 stays: another model's version still uses it.
        Assert.Equal(["orphan"], dropBlobs);
    }

    [Fact]
    public void DriftRows_HealPlannedNotApplied_DriftedCauseHost()
    {
        var spec = Spec();
        var plan = new ModelPlan(ValueList.Of(ModelPlanner.Plan(spec, Actual(spec.Digest, files: ("layout.onnx", B)))));
        var row = Assert.Single(ModelDrift.Rows(plan, null)!);
        Assert.Equal(ResourceStatus.Drifted, row.Status);
        Assert.Equal("host", row.Cause);
        Assert.Equal(["sha256 of layout.onnx: want aaaaaaaaaaaa…, have bbbbbbbbbbbb…"], row.Differences);
    }

    [Fact]
    public void DriftRows_AppliedSwitch_InSync_RollbackReported()
    {
        var spec = Spec();
        var plan = new ModelPlan(ValueList.Of(ModelPlanner.Plan(spec, Actual("old"))));
        Assert.Equal(ResourceStatus.InSync, ModelDrift.Rows(plan, [new ModelOutcome("ocr", ModelStatus.Switched, null, 1, TimeSpan.Zero)])![0].Status);
        var rolledBack = ModelDrift.Rows(plan, [new ModelOutcome("ocr", ModelStatus.RolledBack, "model ocr: consumer failed", 1, TimeSpan.Zero)])![0];
        Assert.Equal(ResourceStatus.RolledBack, rolledBack.Status);
        Assert.Equal("model ocr: consumer failed", rolledBack.LastError);
    }
}
