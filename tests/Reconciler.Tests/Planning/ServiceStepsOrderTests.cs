using GitOps.Reconciler.Secrets;
using System.Text.Json;
using GitOps.Daemon.Rendering;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Planning;

/// <summary>The order of a replace: start-first where asked and two copies can run side by side, stop-first otherwise.</summary>
public class ServiceStepsOrderTests
{
    private static readonly ServiceSpec Web = Given.Service("web") with { UpdateOrder = UpdateOrder.StartFirst };

    /// <summary>The service deployed as <paramref name="before"/>, planned towards <paramref name="after"/>.</summary>
    private static ServiceChange Planned(ServiceSpec before, ServiceSpec after) =>
        Planner.Plan(Given.Desired(Given.Stack("demo", after)), Given.Deployed(Given.Desired(Given.Stack("demo", before))), PlanningContext.Empty)
            .Service("demo", "web");

    [Fact]
    public void OrderOf_StartFirstWithoutHostPorts_StartFirst()
    {
        var web = Planned(Web, Web with { Image = Given.WebV2 });

        Assert.Equal(ChangeAction.Replace, web.Action);
        Assert.Equal(ReplaceOrder.StartFirst, web.Order);
        Assert.Null(web.Order!.Reason);
    }

    [Fact]
    public void OrderOf_NothingAsked_StopFirstWithoutAReason()
    {
        var stopFirst = Web with { UpdateOrder = UpdateOrder.StopFirst };

        Assert.Equal(ReplaceOrder.StopFirst, Planned(stopFirst, stopFirst with { Image = Given.WebV2 }).Order);
    }

    [Fact]
    public void OrderOf_EphemeralHostPort_StartFirst()
    {
        var published = Web with { Ports = ValueList.Of(new PortBinding("127.0.0.1", null, 8080, "tcp")) };

        Assert.Equal(ReplaceOrder.StartFirst, Planned(published, published with { Image = Given.WebV2 }).Order);
    }

    [Fact]
    public void OrderOf_FixedHostPort_StopFirstWithTheReason()
    {
        var published = Web with { Ports = ValueList.Of(new PortBinding("", 8080, 80, "tcp")) };

        var order = Planned(published, published with { Image = Given.WebV2 }).Order!;

        Assert.Equal(UpdateOrder.StopFirst, order.Order);
        Assert.Equal("start-first asked, but it publishes host port 8080/tcp: two copies never run at once", order.Reason);
    }

    [Fact]
    public void OrderOf_ContainerName_StopFirstWithTheReason()
    {
        var named = Web with { ContainerName = "the-web" };

        var order = Planned(named, named with { Image = Given.WebV2 }).Order!;

        Assert.Equal(UpdateOrder.StopFirst, order.Order);
        Assert.Equal("start-first asked, but container_name 'the-web' names one container: two copies never run at once", order.Reason);
    }

    [Theory]
    [InlineData("host")]
    [InlineData("service:db")]
    [InlineData("container:other")]
    public void OrderOf_SharedNetworkNamespace_StopFirst(string mode)
    {
        var shared = Web with { NetworkMode = mode, Networks = ValueMap<NetworkAttachment>.Empty };
        var change = new ServiceChange("demo", "web", ChangeAction.Replace, ValueList<FieldChange>.Empty, PlanReasons.ConfigChanged,
            shared, ServiceSpecHash.Of(shared, ConfigHashKey.Unkeyed), ValueList.Of(Given.Container("demo", shared with { Image = Given.WebV2 })));

        Assert.Equal(UpdateOrder.StopFirst, change.Order!.Order);
        Assert.Contains($"network_mode '{mode}'", change.Order.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OrderOf_OnlyTheOrderChanged_NothingReplaced()
    {
        var web = Planned(Web with { UpdateOrder = UpdateOrder.StopFirst }, Web);

        Assert.Equal(ChangeAction.NoOp, web.Action);
        Assert.Null(web.Order);
    }

    [Fact]
    public void OrderOf_ScaleUp_NothingReplacedSoNoOrder()
    {
        var web = Planned(Web, Web with { Replicas = 2 });

        Assert.Equal(ChangeAction.Update, web.Action);
        Assert.Null(web.Order);
    }

    [Fact]
    public void PlanText_StartFirstReplace_ShowsTheOrder()
    {
        Assert.Equal("start-first", PlanText.OrderLine(Planned(Web, Web with { Image = Given.WebV2 })));
        var named = Web with { ContainerName = "the-web" };
        Assert.Equal(
            "stop-first (start-first asked, but container_name 'the-web' names one container: two copies never run at once)",
            PlanText.OrderLine(Planned(named, named with { Image = Given.WebV2 })));
    }

    [Fact]
    public void PlanText_DefaultOrder_NotShown()
    {
        var stopFirst = Web with { UpdateOrder = UpdateOrder.StopFirst };

        Assert.Null(PlanText.OrderLine(Planned(stopFirst, stopFirst with { Image = Given.WebV2 })));
    }

    [Fact]
    public void PlanJson_Replace_CarriesTheOrderAndItsReason()
    {
        var named = Web with { ContainerName = "the-web" };
        var desired = Given.Desired(Given.Stack("demo", named with { Image = Given.WebV2 }), Given.Stack("other", Web with { Image = Given.WebV2 }));
        var actual = Given.Deployed(Given.Desired(Given.Stack("demo", named), Given.Stack("other", Web)));

        using var json = JsonDocument.Parse(PlanJson.Render(Planner.Plan(desired, actual, PlanningContext.Empty)));

        var stacks = json.RootElement.GetProperty("stacks").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        JsonElement WebIn(string stack) => stacks[stack].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "web");
        Assert.Equal("stopFirst", WebIn("demo").GetProperty("order").GetString());
        Assert.StartsWith("start-first asked, but container_name", WebIn("demo").GetProperty("orderReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("startFirst", WebIn("other").GetProperty("order").GetString());
        Assert.False(WebIn("other").TryGetProperty("orderReason", out _));
        Assert.Empty(new JsonSchemaCheck(JsonSchemaCheck.LoadRepoFile("docs/plan.schema.json")).Check(json.RootElement));
    }

    [Fact]
    public void PlanSchema_OrderEnum_MatchesTheModel()
    {
        var schema = JsonSchemaCheck.LoadRepoFile("docs/plan.schema.json");
        var values = schema.GetProperty("$defs").GetProperty("change").GetProperty("properties").GetProperty("order").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString());

        Assert.Equal(Enum.GetNames<UpdateOrder>().Select(JsonNamingPolicy.CamelCase.ConvertName).Order(), values.Order());
    }
}
