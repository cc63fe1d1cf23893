using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Tasks;
using NSubstitute;

namespace GitOps.Reconciler.Tests.Models;

public class ModelKindExecutorTests
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

    [Fact]
    public async Task ApplyAsync_Changes_AppliedAndOutcomesKeptForThePass()
    {
        var plan = Plan(ModelPathEntry.Missing);
        IReadOnlyList<ModelOutcome> outcomes = [new ModelOutcome("layout", ModelStatus.Switched, null, 10, TimeSpan.FromSeconds(1))];
        _models.ApplyAsync(plan, null, Arg.Any<CancellationToken>()).Returns(outcomes);
        var executor = new ModelKindExecutor(_models);

        var sections = await executor.ApplyAsync(plan, "rev-1", null, CancellationToken.None);

        Assert.Empty(sections);
        Assert.Same(outcomes, executor.Outcomes);
    }

    [Fact]
    public async Task ApplyAsync_NothingToChange_NotAppliedNoOutcomes()
    {
        var executor = new ModelKindExecutor(_models);

        await executor.ApplyAsync(Plan(ModelPathEntry.Link), "rev-1", null, CancellationToken.None);

        await _models.DidNotReceiveWithAnyArgs().ApplyAsync(default!, default, default);
        Assert.Null(executor.Outcomes);
    }

    [Fact]
    public async Task ApplyAsync_AnotherKindsPlan_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new ModelKindExecutor(_models).ApplyAsync(TaskPlan.Empty, null, null, CancellationToken.None));
    }
}
