using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reconciliation.Slices;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace GitOps.Reconciler.Tests.Reconciliation;

public class ModelsSliceTests
{
    private static readonly string A = new('a', 64);

    private readonly IModelKind _models = Substitute.For<IModelKind>();

    private static ModelPlan Plan(ModelPathEntry entry)
    {
        var spec = new ModelSpec("layout", "2",
            ValueList.Of(new ModelFile("layout.onnx", new ModelSource(ModelSourceKind.Http, "https://h/l"), A)),
            "/srv/models/layout", new SourcePosition("models/layout.yaml", 6, 7));
        var linked = entry == ModelPathEntry.Link ? spec.Digest : null;
        var actual = new ModelActual(entry, linked, linked, ValueMap.From([KeyValuePair.Create("layout.onnx", A)]), ValueList<string>.Empty, null, ModelRecord.Empty);
        return new ModelPlan(ValueList.Of(ModelPlanner.Plan(spec, actual)));
    }

    private ModelsSlice Slice() => new(_models, NullLogger<ModelsSlice>.Instance);

    private static ReconcileResult Applying() =>
        new("h1", "rev-1", ReconcileStatus.Unchanged, [], null, null, null, DateTimeOffset.UnixEpoch, TimeSpan.Zero);

    private async Task<ReconcileResult> ApplyAsync(params ModelOutcome[] outcomes)
    {
        var plan = Plan(ModelPathEntry.Missing);
        _models.ApplyAsync(plan, null, Arg.Any<CancellationToken>()).Returns(outcomes);
        return await Slice().ApplyAsync(plan, Applying(), null, CancellationToken.None);
    }

    [Fact]
    public async Task ApplyAsync_Switched_ConvergedWithTheOutcomesInTheResult()
    {
        var result = await ApplyAsync(new ModelOutcome("layout", ModelStatus.Switched, null, 10, TimeSpan.FromSeconds(1)));

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        Assert.Equal("layout", Assert.Single(result.ModelOutcomes!).Model);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task ApplyAsync_DownloadFailed_ApplyFailedWithItsMessage()
    {
        var result = await ApplyAsync(new ModelOutcome("layout", ModelStatus.Failed, "layout: download failed", 0, TimeSpan.Zero));

        Assert.Equal(ReconcileStatus.ApplyFailed, result.Status);
        Assert.Equal("layout: download failed", result.Error);
    }

    [Fact]
    public async Task ApplyAsync_NewRollback_HealthCheckFailed()
    {
        var result = await ApplyAsync(new ModelOutcome("layout", ModelStatus.RolledBack, "consumer ocr/web unhealthy", 10, TimeSpan.Zero));

        Assert.Equal(ReconcileStatus.HealthCheckFailed, result.Status);
    }

    [Fact]
    public async Task ApplyAsync_NothingToChange_NotAppliedNoOutcomes()
    {
        var result = await Slice().ApplyAsync(Plan(ModelPathEntry.Link), Applying(), null, CancellationToken.None);

        await _models.DidNotReceiveWithAnyArgs().ApplyAsync(default!, default, default);
        Assert.Null(result.ModelOutcomes);
        Assert.Equal(ReconcileStatus.Unchanged, result.Status);
    }

    [Fact]
    public async Task ApplyAsync_AnotherKindsPlan_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Slice().ApplyAsync(TaskPlan.Empty, Applying(), null, CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_OnlyRemovals_Converged()
    {
        var result = await ApplyAsync(new ModelOutcome("old", ModelStatus.Removed, null, 0, TimeSpan.Zero));

        Assert.Equal(ReconcileStatus.Converged, result.Status);
    }

    [Fact]
    public async Task ApplyAsync_WithApplyProgress_TheKindGetsADownloadProgress()
    {
        var plan = Plan(ModelPathEntry.Missing);
        _models.ApplyAsync(plan, Arg.Any<IProgress<ModelProgress>?>(), Arg.Any<CancellationToken>()).Returns([]);

        await Slice().ApplyAsync(plan, Applying(), new Progress<GitOps.Reconciler.Apply.ApplyEvent>(), CancellationToken.None);

        await _models.Received(1).ApplyAsync(plan, Arg.Is<IProgress<ModelProgress>?>(p => p is ModelApplyProgress), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Remember_StateDirectoryUnwritable_TheRecordIsSkippedNotThrown()
    {
        var plan = Plan(ModelPathEntry.Link);
        _models.When(m => m.Remember(plan)).Do(_ => throw new UnauthorizedAccessException("read-only"));
        var result = Applying() with { Plan = new GitOps.Reconciler.Planning.Plan("h1", ValueList.Of<GitOps.Reconciler.Planning.IKindPlan>(plan), ValueList<string>.Empty) };

        Slice().Remember(result);

        _models.Received(1).Remember(plan);
    }

    [Fact]
    public void Remember_NoModelsInThePass_NothingRecorded()
    {
        Slice().Remember(Applying());

        _models.DidNotReceiveWithAnyArgs().Remember(default!);
    }
}
