using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Models;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Models;

/// <summary>Switching versions with consumers, rollback and hold, drift healed from the store, garbage collection, path policy.</summary>
public sealed class ModelSwitchTests(ITestOutputHelper output) : IDisposable
{
    private readonly ModelHarness _h = new(output);

    public void Dispose() => _h.Dispose();

    private ModelSpec V(string version, int seed, params string[] consumers) =>
        _h.Model("ocr", version, ("layout.onnx", ModelHarness.Bytes(20_000, seed)), ("vocab.json", ModelHarness.Bytes(500, 100))) with
        {
            Consumers = ValueList.From(consumers),
        };

    [Fact]
    public async Task VersionChange_Switches_RestartsOnlyConsumersOneAtATime()
    {
        var v1 = V("1.0", 1, "ocr/worker", "ocr/api");
        await _h.PassAsync(v1);
        _h.Consumers.Calls.Clear();
        var v2 = V("1.1", 2, "ocr/worker", "ocr/api");

        var (plan, outcomes) = await _h.PassAsync(v2);

        Assert.Equal(["version: want 1.1, have 1.0"], plan.Changes[0].Differences);
        Assert.Single(plan.Changes[0].Downloads);
        Assert.Equal(ModelStatus.Switched, Assert.Single(outcomes).Status);
        Assert.Equal(["restart ocr/worker", "restart ocr/api"], _h.Consumers.Calls);
        Assert.Equal(_h.Store.VersionDirectory("ocr", v2.Digest), new FileInfo(v2.Path).LinkTarget);
    }

    [Fact]
    public async Task VersionChange_SignalOnChange_SignalsInsteadOfRestart()
    {
        await _h.PassAsync(V("1.0", 1, "ocr/worker"));
        _h.Consumers.Calls.Clear();

        await _h.PassAsync(V("1.1", 2, "ocr/worker") with { OnChange = new ModelOnChange(ModelOnChangeKind.Signal, "SIGHUP") });

        Assert.Equal(["SIGHUP ocr/worker"], _h.Consumers.Calls);
    }

    [Fact]
    public async Task ConsumerUnhealthyAfterSwitch_LinkAndConsumerRolledBack_HeldUntilGitChanges()
    {
        var v1 = V("1.0", 1, "ocr/worker");
        await _h.PassAsync(v1);
        var v2 = V("1.1", 2, "ocr/worker");
        var targets = new List<string?>();
        _h.Consumers.Gate = _ =>
        {
            targets.Add(new FileInfo(v2.Path).LinkTarget);
            return targets.Count == 1 ? "unhealthy: exit 1" : null;
        };
        _h.Consumers.Calls.Clear();

        var (_, outcomes) = await _h.PassAsync(v2);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(ModelStatus.RolledBack, outcome.Status);
        Assert.Contains("rolled back to version 1.0 and held", outcome.Message, StringComparison.Ordinal);
        // Restarted on the new version, then again on the previous one, which the link points to again.
        Assert.Equal([_h.Store.VersionDirectory("ocr", v2.Digest), _h.Store.VersionDirectory("ocr", v1.Digest)], targets);
        Assert.Equal(_h.Store.VersionDirectory("ocr", v1.Digest), new FileInfo(v1.Path).LinkTarget);

        var (held, again) = await _h.PassAsync(v2);
        Assert.Equal(ModelAction.Held, Assert.Single(held.Changes).Step);
        Assert.Empty(again);
        Assert.Equal(2, _h.Consumers.Calls.Count);

        var v3 = V("1.2", 3, "ocr/worker");
        var (next, _) = await _h.PassAsync(v3);
        Assert.Equal(ModelAction.Update, next.Changes[0].Step);
        Assert.Equal(_h.Store.VersionDirectory("ocr", v3.Digest), new FileInfo(v3.Path).LinkTarget);
    }

    [Fact]
    public async Task FileChangedByHand_DriftFieldLevel_HealedFromStoreWithoutDownload()
    {
        var v1 = V("1.0", 1);
        await _h.PassAsync(v1);
        var requests = _h.Server.Requests;
        var file = Path.Combine(v1.Path, "layout.onnx");
        var tampered = ModelHarness.Bytes(20_000, 99);
        await File.WriteAllBytesAsync(file, tampered);

        var (plan, outcomes) = await _h.PassAsync(v1);

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ModelAction.Heal, change.Step);
        Assert.Equal([$"sha256 of layout.onnx: want {ModelPlanner.Short(v1.Files[0].Sha256)}, have {ModelPlanner.Short(ModelHarness.Sha(tampered))}"], change.Differences);
        Assert.Equal(ModelStatus.Healed, Assert.Single(outcomes).Status);
        Assert.Equal(v1.Files[0].Sha256, ModelHarness.Sha(await File.ReadAllBytesAsync(file)));
        Assert.Equal(requests, _h.Server.Requests);
        Assert.Equal(ModelAction.NoOp, (await _h.PlanAsync(v1)).Changes[0].Step);
    }

    [Fact]
    public async Task FileChangedByHand_Healed_ConsumersRestartedOnce()
    {
        var v1 = V("1.0", 1, "ocr/worker", "ocr/api");
        await _h.PassAsync(v1);
        _h.Consumers.Calls.Clear();
        await File.WriteAllBytesAsync(Path.Combine(v1.Path, "vocab.json"), ModelHarness.Bytes(500, 98));

        var (plan, outcomes) = await _h.PassAsync(v1);

        Assert.Equal(ModelAction.Heal, Assert.Single(plan.Changes).Step);
        Assert.Equal(ModelStatus.Healed, Assert.Single(outcomes).Status);
        Assert.Equal(["restart ocr/worker", "restart ocr/api"], _h.Consumers.Calls);
    }

    [Fact]
    public async Task FileChangedByHand_ConsumerFailsAfterHeal_FailedNotHeldNorRolledBack()
    {
        var v1 = V("1.0", 1, "ocr/worker");
        await _h.PassAsync(v1);
        await File.WriteAllBytesAsync(Path.Combine(v1.Path, "vocab.json"), ModelHarness.Bytes(500, 98));
        _h.Consumers.Gate = _ => "unhealthy: exit 1";

        var (_, outcomes) = await _h.PassAsync(v1);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(ModelStatus.Failed, outcome.Status);
        Assert.Contains("after its files were restored", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(_h.Store.VersionDirectory("ocr", v1.Digest), new FileInfo(v1.Path).LinkTarget);
        Assert.Equal(ModelAction.NoOp, Assert.Single((await _h.PlanAsync(v1)).Changes).Step);
    }

    [Fact]
    public async Task TwoModelsOfOneConsumerChange_ConsumerRestartedOnce()
    {
        ModelSpec Vocab(string version, int seed) => _h.Model("vocab", version, ("vocab.json", ModelHarness.Bytes(700, seed))) with { Consumers = ValueList.Of("ocr/worker") };
        await _h.PassAsync(V("1.0", 1, "ocr/worker"), Vocab("1", 11));
        _h.Consumers.Calls.Clear();

        var (plan, outcomes) = await _h.PassAsync(V("1.1", 2, "ocr/worker"), Vocab("2", 12));

        Assert.Equal(["restart ocr/worker"], plan.Consumers.Select(c => c.ToString()));
        Assert.All(outcomes, o => Assert.Equal(ModelStatus.Switched, o.Status));
        Assert.Equal(["restart ocr/worker"], _h.Consumers.Calls);
    }

    [Fact]
    public async Task TwoModelsOfOneConsumerChange_ConsumerFails_BothRolledBack_ConsumerRestartedOnceMoreOnThePrevious()
    {
        ModelSpec Vocab(string version, int seed) => _h.Model("vocab", version, ("vocab.json", ModelHarness.Bytes(700, seed))) with { Consumers = ValueList.Of("ocr/worker") };
        var (v1, w1) = (V("1.0", 1, "ocr/worker"), Vocab("1", 11));
        await _h.PassAsync(v1, w1);
        _h.Consumers.Calls.Clear();
        _h.Consumers.Gate = _ => _h.Consumers.Calls.Count == 1 ? "unhealthy: exit 1" : null;

        var (_, outcomes) = await _h.PassAsync(V("1.1", 2, "ocr/worker"), Vocab("2", 12));

        Assert.All(outcomes, o => Assert.Equal(ModelStatus.RolledBack, o.Status));
        Assert.Equal(["restart ocr/worker", "restart ocr/worker"], _h.Consumers.Calls);
        Assert.Equal(_h.Store.VersionDirectory("ocr", v1.Digest), new FileInfo(v1.Path).LinkTarget);
        Assert.Equal(_h.Store.VersionDirectory("vocab", w1.Digest), new FileInfo(w1.Path).LinkTarget);
    }

    [Fact]
    public async Task LinkRemovedByHand_DriftReported_HealedWithoutDownload()
    {
        var v1 = V("1.0", 1);
        await _h.PassAsync(v1);
        var requests = _h.Server.Requests;
        File.Delete(v1.Path);

        var (plan, outcomes) = await _h.PassAsync(v1);

        Assert.Equal([$"path {v1.Path}: want version 1.0, have nothing"], plan.Changes[0].Differences);
        Assert.Equal(ModelStatus.Switched, Assert.Single(outcomes).Status);
        Assert.Equal(requests, _h.Server.Requests);
        Assert.Equal(_h.Store.VersionDirectory("ocr", v1.Digest), new FileInfo(v1.Path).LinkTarget);
    }

    [Fact]
    public async Task Gc_AfterSwitches_KeepsCurrentAndKeepPreviousVersions()
    {
        var versions = new[] { V("1", 1), V("2", 2), V("3", 3), V("4", 4) }.Select(v => v with { Keep = 2 }).ToList();
        foreach (var version in versions)
        {
            await _h.PassAsync(version);
        }

        var left = Directory.EnumerateDirectories(_h.Store.VersionsOf("ocr")).Select(d => Path.GetFileName(d)!).Order().ToList();
        Assert.Equal(versions.Skip(1).Select(v => v.Digest).Order().ToList(), left);
        Assert.False(_h.Store.HasBlob(versions[0].Files[0].Sha256));
        Assert.True(_h.Store.HasBlob(versions[1].Files[0].Sha256));
        // The file the versions share stays.
        Assert.True(_h.Store.HasBlob(versions[0].Files[1].Sha256));
    }

    [Fact]
    public async Task ModelRemovedFromGit_LinkVersionsRecordAndBlobsGo_ThenNothingToDo()
    {
        var v1 = V("1.0", 1, "ocr/worker");
        await _h.PassAsync(v1);
        _h.Consumers.Calls.Clear();

        var (plan, outcomes) = await _h.PassAsync();

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ModelAction.Remove, change.Step);
        Assert.Equal([$"path {v1.Path}: want nothing, have version 1.0"], change.Differences);
        Assert.Equal(ModelStatus.Removed, Assert.Single(outcomes).Status);
        Assert.False(File.Exists(v1.Path) || Directory.Exists(v1.Path));
        Assert.False(Directory.Exists(_h.Store.VersionsOf("ocr")));
        Assert.Empty(new ModelRecordStore(_h.Store).Models());
        Assert.All(v1.Files, f => Assert.False(_h.Store.HasBlob(f.Sha256)));
        Assert.Empty(_h.Consumers.Calls);
        Assert.Empty((await _h.PlanAsync()).Changes);
    }

    [Fact]
    public async Task AdoptedModelRemovedFromGit_OnlyTheLinkGoes_TheAdoptedDirectoryStays()
    {
        var spec = V("1", 1) with { Adopt = true };
        Directory.CreateDirectory(spec.Path);
        await File.WriteAllTextAsync(Path.Combine(spec.Path, "mine.txt"), "hand-made");
        await _h.PassAsync(spec);

        var (_, outcomes) = await _h.PassAsync();

        Assert.Equal(ModelStatus.Removed, Assert.Single(outcomes).Status);
        Assert.False(File.Exists(spec.Path) || Directory.Exists(spec.Path));
        var aside = Assert.Single(Directory.EnumerateDirectories(_h.Root, "ocr.adopted-*"));
        Assert.Equal("hand-made", await File.ReadAllTextAsync(Path.Combine(aside, "mine.txt")));
    }

    [Fact]
    public async Task ModelRemovedFromGit_LinkReplacedByHand_WhatIsAtThePathStays()
    {
        var v1 = V("1", 1);
        await _h.PassAsync(v1);
        File.Delete(v1.Path);
        Directory.CreateDirectory(v1.Path);
        await File.WriteAllTextAsync(Path.Combine(v1.Path, "mine.txt"), "hand-made");

        var (plan, outcomes) = await _h.PassAsync();

        Assert.Contains("left as it is", Assert.Single(plan.Changes).Why, StringComparison.Ordinal);
        Assert.Equal(ModelStatus.Removed, Assert.Single(outcomes).Status);
        Assert.True(File.Exists(Path.Combine(v1.Path, "mine.txt")));
        Assert.False(Directory.Exists(_h.Store.VersionsOf("ocr")));
    }

    [Fact]
    public async Task PathOutsideAllowedRoots_Refused()
    {
        var spec = V("1", 1) with { Path = Path.Combine(_h.Temp, "elsewhere", "ocr") };

        var change = Assert.Single((await _h.PlanAsync(spec)).Changes);

        Assert.Equal(ModelAction.Refused, change.Step);
        Assert.Contains("is outside the allowed roots", change.Why, StringComparison.Ordinal);
        Assert.Contains("models/ocr.yaml:5:7", change.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathInsideStateDirectory_Refused()
    {
        _h.Config = _h.Config with { AllowedRoots = [_h.Temp] };
        _h.NewKind();
        var spec = V("1", 1) with { Path = Path.Combine(_h.StateDirectory, "models", "x") };

        var change = Assert.Single((await _h.PlanAsync(spec)).Changes);

        Assert.Equal(ModelAction.Refused, change.Step);
        Assert.Contains("overlaps the agent's state directory", change.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathThroughSymlinkOutOfRoots_Refused()
    {
        var outside = Path.Combine(_h.Temp, "outside");
        Directory.CreateDirectory(outside);
        Directory.CreateSymbolicLink(Path.Combine(_h.Root, "escape"), outside);
        var spec = V("1", 1) with { Path = Path.Combine(_h.Root, "escape", "ocr") };

        Assert.Equal(ModelAction.Refused, Assert.Single((await _h.PlanAsync(spec)).Changes).Step);
    }

    [Fact]
    public async Task ExistingDirectoryNotCreatedByAgent_RefusedUntouched_AdoptMovesItAside()
    {
        var spec = V("1", 1);
        Directory.CreateDirectory(spec.Path);
        await File.WriteAllTextAsync(Path.Combine(spec.Path, "mine.txt"), "hand-made");

        var (plan, outcomes) = await _h.PassAsync(spec);

        Assert.Equal(ModelAction.Refused, plan.Changes[0].Step);
        Assert.Contains("existing directory the agent did not create", plan.Changes[0].Why, StringComparison.Ordinal);
        Assert.Empty(outcomes);
        Assert.True(File.Exists(Path.Combine(spec.Path, "mine.txt")));

        var (_, adopted) = await _h.PassAsync(spec with { Adopt = true });

        Assert.Equal(ModelStatus.Switched, Assert.Single(adopted).Status);
        Assert.NotNull(new FileInfo(spec.Path).LinkTarget);
        var aside = Assert.Single(Directory.EnumerateDirectories(_h.Root, "ocr.adopted-*"));
        Assert.True(File.Exists(Path.Combine(aside, "mine.txt")));
    }
}
