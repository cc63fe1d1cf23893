using System.Text.Json;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;

namespace GitOps.Reconciler.Tests.Reporting;

public class PlanJsonTests
{
    private static JsonElement Parse(Plan plan) => JsonDocument.Parse(PlanJson.Render(plan)).RootElement;

    private static JsonElement Change(JsonElement root, string stack, string name) =>
        root.GetProperty("stacks").EnumerateArray().Single(s => s.GetProperty("name").GetString() == stack)
            .GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    [Fact]
    public void Render_TopLevel_VersionHostAndSummary()
    {
        var root = Parse(SamplePlans.Mixed());

        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("host-1", root.GetProperty("host").GetString());
        Assert.True(root.GetProperty("hasChanges").GetBoolean());
        Assert.False(root.GetProperty("refused").GetBoolean());
        Assert.Equal(0, root.GetProperty("refusals").GetArrayLength());
        var summary = root.GetProperty("summary");
        Assert.Equal([1, 1, 1, 2, 2, 2], new[] { "create", "update", "replace", "delete", "unchanged", "suspended" }.Select(k => summary.GetProperty(k).GetInt32()));
    }

    [Fact]
    public void Render_Stacks_CamelCaseActionsInPlanOrder()
    {
        var stacks = Parse(SamplePlans.Mixed()).GetProperty("stacks").EnumerateArray().ToList();

        Assert.Equal(["demo", "old", "paused"], stacks.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["converge", "teardown", "suspended"], stacks.Select(s => s.GetProperty("action").GetString()));
        Assert.Equal([true, true, false], stacks.Select(s => s.GetProperty("hasChanges").GetBoolean()));
    }

    [Fact]
    public void Render_Change_KindActionReasonFields()
    {
        var web = Change(Parse(SamplePlans.Mixed()), "demo", "web");

        Assert.Equal("container", web.GetProperty("kind").GetString());
        Assert.Equal("replace", web.GetProperty("action").GetString());
        Assert.Equal(PlanReasons.ConfigChanged, web.GetProperty("reason").GetString());
        var image = web.GetProperty("fields")[0];
        Assert.Equal("image", image.GetProperty("field").GetString());
        Assert.Equal("127.0.0.1:5000/demo/web:v2", image.GetProperty("desired").GetString());
        Assert.Equal("127.0.0.1:5000/demo/web:v1", image.GetProperty("actual").GetString());
    }

    [Fact]
    public void Render_NoOpAndAbsentValues_ExplicitNames()
    {
        var root = Parse(SamplePlans.Mixed());

        Assert.Equal("noOp", Change(root, "demo", "default").GetProperty("action").GetString());
        var created = Change(root, "paused", "web").GetProperty("fields")[0];
        Assert.Equal(JsonValueKind.Null, created.GetProperty("actual").ValueKind);
    }

    [Fact]
    public void Render_ServiceChange_ListsContainersAndConfigHash()
    {
        var web = Change(Parse(SamplePlans.Mixed()), "demo", "web");

        Assert.Equal(64, web.GetProperty("configHash").GetString()!.Length);
        var container = Assert.Single(web.GetProperty("containers").EnumerateArray());
        Assert.Equal("id-demo-web-1", container.GetProperty("id").GetString());
        Assert.Equal("demo-web-1", container.GetProperty("name").GetString());
        Assert.Equal(1, container.GetProperty("number").GetInt32());
        Assert.True(container.GetProperty("running").GetBoolean());
    }

    [Fact]
    public void Render_NetworkChange_HasNoContainerMembers()
    {
        var network = Change(Parse(SamplePlans.Mixed()), "old", "default");

        Assert.False(network.TryGetProperty("containers", out _));
        Assert.Equal("delete", network.GetProperty("action").GetString());
    }

    [Fact]
    public void Render_SecretEnvironment_Masked()
    {
        var json = PlanJson.Render(SamplePlans.WithFields(new FieldChange("environment.DB_PASSWORD", "hunter2", "hunter1")));

        Assert.DoesNotContain("hunter", json, StringComparison.Ordinal);
        var field = Change(JsonDocument.Parse(json).RootElement, "demo", "web").GetProperty("fields")[0];
        Assert.Equal("******", field.GetProperty("desired").GetString());
        Assert.Equal("******", field.GetProperty("actual").GetString());
    }

    [Fact]
    public void Render_LongValues_NotShortened()
    {
        var longValue = new string('x', 300);

        var field = Change(Parse(SamplePlans.WithFields(new FieldChange("command", longValue, null))), "demo", "web").GetProperty("fields")[0];

        Assert.Equal(longValue, field.GetProperty("desired").GetString());
    }

    [Fact]
    public void Render_Refusal_RefusedWithMessage()
    {
        var root = Parse(SamplePlans.RefusingToRemoveAll());

        Assert.True(root.GetProperty("refused").GetBoolean());
        Assert.StartsWith("would remove every stack (a, b)", root.GetProperty("refusals")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Compact_ExactSchema()
    {
        var json = PlanJson.Render(SamplePlans.WithFields(new FieldChange("restart", "always", "no")), indented: false);

        var hash = Change(JsonDocument.Parse(json).RootElement, "demo", "web").GetProperty("configHash").GetString();
        var imageId = Change(JsonDocument.Parse(json).RootElement, "demo", "web").GetProperty("containers")[0].GetProperty("imageId").GetString();
        Assert.Equal(
            "{\"version\":1,\"host\":\"host-1\",\"hasChanges\":true,\"refused\":false,\"refusals\":[],"
            + "\"summary\":{\"create\":0,\"update\":0,\"replace\":1,\"delete\":0,\"unchanged\":0,\"suspended\":0},"
            + "\"stacks\":[{\"name\":\"demo\",\"action\":\"converge\",\"hasChanges\":true,\"changes\":["
            + "{\"kind\":\"container\",\"name\":\"web\",\"action\":\"replace\",\"reason\":\"configuration changed\","
            + "\"fields\":[{\"field\":\"restart\",\"desired\":\"always\",\"actual\":\"no\"}],"
            + "\"image\":\"127.0.0.1:5000/demo/web:v1\",\"configHash\":\"" + hash + "\","
            + "\"gate\":\"runningOrCompleted\",\"preflight\":false,\"order\":\"stopFirst\","
            + "\"steps\":[{\"action\":\"replace\",\"number\":1,\"name\":\"demo-web-1\",\"createAs\":\"demo-web-1_" + hash![..12] + "\",\"container\":\"id-demo-web-1\"}],"
            + "\"containers\":[{\"id\":\"id-demo-web-1\",\"name\":\"demo-web-1\",\"number\":1,"
            + "\"image\":\"127.0.0.1:5000/demo/web:v1\",\"imageId\":\"" + imageId + "\",\"running\":true}]}]}],\"edges\":[]}",
            json);
    }

    [Fact]
    public void Render_SamePlanTwice_SameText()
    {
        Assert.Equal(PlanJson.Render(SamplePlans.Mixed()), PlanJson.Render(SamplePlans.Mixed()));
    }
}
