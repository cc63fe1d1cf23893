using System.Text.Json;
using GitOps.Daemon.Rendering;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tests.Planning;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Models;

/// <summary>The models kind in the host plan: its part, the edges to the services that read a model, the plan's output.</summary>
public class ModelHostPlanTests
{
    private static readonly string A = new('a', 64);

    private static ModelSpec Spec(params string[] consumers) => new(
        "layout", "2",
        ValueList.Of(new ModelFile("layout.onnx", new ModelSource(ModelSourceKind.Http, "https://h/l"), A)),
        "/srv/models/layout", new SourcePosition("models/layout.yaml", 6, 7))
    {
        Consumers = ValueList.From(consumers),
    };

    private static ModelActual Missing() =>
        new(ModelPathEntry.Missing, null, null, ValueMap<string>.Empty, ValueList.Of(A), null, ModelRecord.Empty);

    private static DesiredState Desired(ModelSpec model) =>
        Given.Desired(Given.Stack("ocr", Given.Service("web"), Given.Service("worker"))) with
        {
            Models = ValueMap.From([KeyValuePair.Create(model.Name, model)]),
        };

    private static Plan HostPlan(ModelSpec model, ModelActual actual)
    {
        var desired = Desired(model);
        return Planner.Plan(desired, Given.Deployed(Given.Desired()), PlanningContext.Empty)
            .With(new ModelPlan(ValueList.Of(ModelPlanner.Plan(model, actual))));
    }

    [Fact]
    public void Edges_ModelReadByAService_ModelBeforeThatServiceOnly()
    {
        var plan = HostPlan(Spec("ocr/worker"), Missing());

        var edge = Assert.Single(plan.Edges);
        Assert.Equal(new ResourceRef(ResourceKind.Model, "", "layout"), edge.Before);
        Assert.Equal(new ResourceRef(ResourceKind.Container, "ocr", "worker"), edge.After);
        Assert.Equal("model layout before service ocr/worker (service ocr/worker reads model layout)", edge.ToString());
    }

    [Fact]
    public void ApplyOrder_ModelsAddedAfterTheStacks_ModelsFirstByTheirEdge()
    {
        var plan = HostPlan(Spec("ocr/web"), Missing());

        Assert.Equal([StacksPlan.KindName, ModelPlan.KindName], plan.Kinds.Select(k => k.Kind));
        Assert.Equal([ModelPlan.KindName, StacksPlan.KindName], plan.ApplyOrder.Select(k => k.Kind));
    }

    [Fact]
    public void Edges_ModelWithoutConsumers_None()
    {
        Assert.Empty(HostPlan(Spec(), Missing()).Edges);
    }

    [Fact]
    public void Stacks_ReplacedThroughThePlan_KeepTheModelConsumers()
    {
        var plan = HostPlan(Spec("ocr/web"), Missing());

        var replaced = plan with { Stacks = plan.Stacks };

        Assert.Single(replaced.Edges);
    }

    [Fact]
    public void Change_Create_ModelResourceWithDownloadsInTheReason()
    {
        var change = ModelPlanner.Plan(Spec(), Missing());

        Assert.Equal(ResourceKind.Model, change.Kind);
        Assert.Equal(ChangeAction.Create, change.Action);
        Assert.Equal("", change.Stack);
        Assert.Equal("layout", change.Name);
        Assert.Equal(new FieldChange("path /srv/models/layout", "version 2", "nothing"), Assert.Single(change.Fields));
        Assert.Equal(ModelChange.NotInstalled + "; 1 file to download (layout.onnx; size not announced)", change.Reason);
    }

    [Fact]
    public void Change_Held_NoOpWithTheHoldAsReason()
    {
        var spec = Spec();
        var record = ModelRecord.Empty with { HeldDigest = spec.Digest, HeldReason = "consumer ocr/web unhealthy" };

        var change = ModelPlanner.Plan(spec, Missing() with { Record = record });

        Assert.Equal(ChangeAction.NoOp, change.Action);
        Assert.False(change.HasChanges);
        Assert.Contains("consumer ocr/web unhealthy", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Provides_RefusedModel_Nothing()
    {
        var plan = new ModelPlan(ValueList.Of(ModelPlanner.Plan(Spec("ocr/web"), Missing() with { Refusal = "outside the allowed roots" })));

        Assert.Empty(plan.Provides);
        Assert.Equal(["outside the allowed roots"], plan.Refusals);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void PlanText_ModelToInstall_ListedWithItsSectionAndOrder()
    {
        var text = PlanText.Render(HostPlan(Spec("ocr/web"), Missing()));

        Assert.Contains("models: ", text, StringComparison.Ordinal);
        Assert.Contains("model layout: create (" + ModelChange.NotInstalled + "; 1 file to download (layout.onnx; size not announced))", text, StringComparison.Ordinal);
        Assert.Contains("      path /srv/models/layout: want version 2, have nothing", text, StringComparison.Ordinal);
        Assert.Contains("model layout before service ocr/web", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanJson_ModelsPart_MatchesSchemaWithAModelsArray()
    {
        var json = JsonDocument.Parse(PlanJson.Render(HostPlan(Spec("ocr/web"), Missing()))).RootElement;

        Assert.Empty(new JsonSchemaCheck(JsonSchemaCheck.LoadRepoFile("docs/plan.schema.json")).Check(json));
        var change = Assert.Single(Assert.Single(json.GetProperty("models").EnumerateArray()).GetProperty("changes").EnumerateArray());
        Assert.Equal("model", change.GetProperty("kind").GetString());
        Assert.Equal("create", change.GetProperty("action").GetString());
    }

    [Fact]
    public void PlanJsonAndText_ModelWithSizeAndConsumer_DownloadBytesConsumersAndTotal()
    {
        var spec = Spec("ocr/web");
        var change = ModelPlanner.Plan(spec, Missing() with { RemainingBytes = ValueMap.From([KeyValuePair.Create(A, 3L << 20)]) });
        var consumers = ModelConsumerPlanner.Plan([change], new Dictionary<string, string> { ["ocr"] = "ocr-prod" });
        var plan = Planner.Plan(Desired(spec), Given.Deployed(Given.Desired()), PlanningContext.Empty)
            .With(new ModelPlan(ValueList.From(ModelConsumerPlanner.Annotate([change], consumers))) { Consumers = consumers });

        var json = JsonDocument.Parse(PlanJson.Render(plan)).RootElement;
        var text = PlanText.Render(plan);

        Assert.Empty(new JsonSchemaCheck(JsonSchemaCheck.LoadRepoFile("docs/plan.schema.json")).Check(json));
        var model = Assert.Single(Assert.Single(json.GetProperty("models").EnumerateArray()).GetProperty("changes").EnumerateArray());
        Assert.Equal(3L << 20, model.GetProperty("downloadBytes").GetInt64());
        Assert.Equal(["layout.onnx"], model.GetProperty("downloads").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["restart ocr-prod/web"], model.GetProperty("consumers").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("1 file, 3.0 MB to download (layout.onnx); then restart ocr-prod/web", text, StringComparison.Ordinal);
        Assert.Contains("models: 1 file, 3.0 MB to download", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DriftReport_FromAPlanAlone_HasTheModelsSection()
    {
        var report = DriftReportBuilder.Build(new DriftReportInput(HostPlan(Spec("ocr/web"), Missing()), SampleReports.Revision, SampleReports.Now));

        var row = Assert.Single(report.Models!);
        Assert.Equal("layout", row.Name);
        Assert.Equal(ResourceStatus.Missing, row.Status);
        Assert.Equal(["path /srv/models/layout: want version 2, have nothing"], row.Differences);
    }

    [Fact]
    public void DriftReport_RefreshAfterAFailedDownload_KeepsTheFailureWhileItStillDiffers()
    {
        var plan = HostPlan(Spec("ocr/web"), Missing());
        var failed = SampleReports.InSync() with
        {
            Models = ValueList.Of(new DriftModel("layout", "2", new string('d', 64), "/srv/models/layout", ValueList.Of("ocr/web"), ResourceStatus.Failed,
                ValueList<string>.Empty, null, "model layout: sha256 of layout.onnx: want aaaa, have bbbb")),
        };

        var refreshed = DriftReportBuilder.Build(new DriftReportInput(plan, SampleReports.Revision, SampleReports.Now) { Previous = failed, KeepsOutcomes = true });
        var fresh = DriftReportBuilder.Build(new DriftReportInput(plan, SampleReports.Revision, SampleReports.Now) { Previous = failed });

        Assert.Equal(ResourceStatus.Failed, Assert.Single(refreshed.Models!).Status);
        Assert.Contains("sha256 of layout.onnx", refreshed.Models![0].LastError, StringComparison.Ordinal);
        Assert.Equal(ResourceStatus.Missing, Assert.Single(fresh.Models!).Status);
    }
}
