using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Tests.Models;

/// <summary>Which consumers a pass tells, and how, decided with the plan.</summary>
public class ModelConsumerPlannerTests
{
    private static readonly Dictionary<string, string> Projects = new(StringComparer.Ordinal) { ["ocr"] = "ocr-prod" };

    private static ModelChange Change(string model, ModelAction step, ModelOnChange? onChange = null, params string[] consumers)
    {
        var spec = new ModelSpec(model, "1",
            ValueList.Of(new ModelFile("f", new ModelSource(ModelSourceKind.Http, "https://h/f"), new string('a', 64))),
            "/srv/models/" + model, new SourcePosition($"models/{model}.yaml", 6, 7))
        {
            Consumers = ValueList.From(consumers),
            OnChange = onChange ?? ModelOnChange.Restart,
        };
        return new ModelChange(spec, step, ValueList<FieldChange>.Empty, ValueList<ModelFile>.Empty, null);
    }

    [Fact]
    public void Plan_TwoChangedModelsOneConsumer_RestartedOnceByProjectName()
    {
        var actions = ModelConsumerPlanner.Plan([Change("layout", ModelAction.Update, null, "ocr/worker"), Change("vocab", ModelAction.Create, null, "ocr/worker", "ocr/api")], Projects);

        Assert.Equal(["restart ocr-prod/worker", "restart ocr-prod/api"], actions.Select(a => a.ToString()));
        Assert.Equal(["layout", "vocab"], actions[0].Models);
        Assert.Equal(["vocab"], actions[1].Models);
    }

    [Fact]
    public void Plan_StackNotOnThisHostsPlan_NamedAsWritten()
    {
        var action = Assert.Single(ModelConsumerPlanner.Plan([Change("m", ModelAction.Update, null, "nlp/api")], Projects));
        Assert.Equal("nlp/api", action.Consumer);
    }

    [Fact]
    public void Plan_HealTellsTheConsumers_NoOpHeldRemoveAndNoneDoNot()
    {
        var actions = ModelConsumerPlanner.Plan(
        [
            Change("healed", ModelAction.Heal, null, "ocr/a"),
            Change("same", ModelAction.NoOp, null, "ocr/b"),
            Change("held", ModelAction.Held, null, "ocr/c"),
            Change("gone", ModelAction.Remove, null, "ocr/d"),
            Change("quiet", ModelAction.Update, new ModelOnChange(ModelOnChangeKind.None), "ocr/e"),
        ], Projects);

        Assert.Equal(["restart ocr-prod/a"], actions.Select(a => a.ToString()));
    }

    [Fact]
    public void Plan_SignalAndRestartOnOneConsumer_RestartOnly_DistinctSignalsEachOnce()
    {
        var hup = new ModelOnChange(ModelOnChangeKind.Signal, "SIGHUP");
        var usr1 = new ModelOnChange(ModelOnChangeKind.Signal, "SIGUSR1");

        var actions = ModelConsumerPlanner.Plan(
        [
            Change("a", ModelAction.Update, hup, "ocr/worker", "ocr/api"),
            Change("b", ModelAction.Update, null, "ocr/worker"),
            Change("c", ModelAction.Update, usr1, "ocr/api"),
            Change("d", ModelAction.Update, hup, "ocr/api"),
        ], Projects);

        Assert.Equal(["restart ocr-prod/worker", "SIGHUP, SIGUSR1 ocr-prod/api"], actions.Select(a => a.ToString()));
        Assert.True(actions[0].Restart);
        Assert.Empty(actions[0].Signals);
    }

    [Fact]
    public void Annotate_ChangeReasonSaysWhatItsConsumersAreTold()
    {
        var changes = new[] { Change("layout", ModelAction.Update, null, "ocr/worker"), Change("same", ModelAction.NoOp, null, "ocr/worker") };
        var actions = ModelConsumerPlanner.Plan(changes, Projects);

        var annotated = ModelConsumerPlanner.Annotate(changes, actions).ToList();

        Assert.EndsWith("; then restart ocr-prod/worker", annotated[0].Reason, StringComparison.Ordinal);
        Assert.Equal(changes[1].Reason, annotated[1].Reason);
    }
}
