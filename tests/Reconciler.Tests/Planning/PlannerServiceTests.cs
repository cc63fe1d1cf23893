using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Planning;

public class PlannerServiceTests
{
    private static readonly ServiceSpec Web = Given.Service("web");
    private static readonly ServiceSpec Api = Given.Service("api", "127.0.0.1:5000/demo/api:v1");

    [Fact]
    public void Plan_FirstDeploy_CreatesEverythingInOrder()
    {
        var desired = Given.Desired(Given.Stack("demo", Web, Api.DependsOn("web")).WithVolume("data"));

        var plan = Planner.Plan(desired, ActualState.Empty, PlanningContext.Empty);

        Assert.True(plan.HasChanges);
        Assert.Empty(plan.Refusals);
        var stack = plan.Stack("demo");
        Assert.Equal(StackAction.Converge, stack.Action);
        Assert.Equal(["network:default:create", "volume:data:create", "container:web:create", "container:api:create"], stack.Steps());
        var web = plan.Service("demo", "web");
        Assert.Equal(new FieldChange("image", Given.WebV1, null), web.Field("image"));
        Assert.Equal(ServiceSpecHash.Of(Web, ConfigHashKey.Unkeyed), web.DesiredConfigHash);
        Assert.Same(Web, web.Desired);
        Assert.Empty(web.Existing);
    }

    [Fact]
    public void Plan_FirstDeployWithReplicas_ShowsReplicas()
    {
        var desired = Given.Desired(Given.Stack("demo", Web with { Replicas = 3 }));

        var plan = Planner.Plan(desired, ActualState.Empty, PlanningContext.Empty);

        Assert.Equal("3", plan.Service("demo", "web").Field("replicas").Desired);
    }

    [Fact]
    public void Plan_HashMatchesAndSpecNotInspected_NoOp()
    {
        var desired = Given.Desired(Given.Stack("demo", Web, Api));

        var plan = Planner.Plan(desired, Given.Deployed(desired), PlanningContext.Empty);

        Assert.False(plan.HasChanges);
        Assert.All(plan.Stack("demo").Changes, c => Assert.Equal(ChangeAction.NoOp, c.Action));
        Assert.All(plan.Stack("demo").Changes, c => Assert.Equal(PlanReasons.UpToDate, c.Reason));
        Assert.All(plan.Stack("demo").Changes, c => Assert.Empty(c.Fields));
    }

    [Fact]
    public void Plan_HashMatchesButInspectedSpecDiffers_ReplacesWithTheField()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { Spec = Web with { User = "odd" } });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        var change = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Contains(change.Fields, f => f.Field == "user" && f.Actual == "odd");
    }

    [Fact]
    public void Plan_InspectedContainerLeftItsNetwork_UpdateThatReconnectsNotReplace()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { Spec = Web with { Networks = ValueMap<NetworkAttachment>.Empty } });

        var change = Planner.Plan(desired, actual, PlanningContext.Empty).Service("demo", "web");

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal(PlanReasons.NetworkDetached, change.Reason);
        Assert.Equal(new FieldChange("networks.default", "attached", null), Assert.Single(change.Fields));
    }

    [Fact]
    public void Plan_LeftItsNetworkAndAnotherFieldDiffers_Replaces()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { Spec = Web with { Networks = ValueMap<NetworkAttachment>.Empty, User = "odd" } });

        Assert.Equal(ChangeAction.Replace, Planner.Plan(desired, actual, PlanningContext.Empty).Service("demo", "web").Action);
    }

    [Fact]
    public void Plan_HashMatchesAndInspectedSpecEqual_NoOp()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { Spec = Web });

        Assert.Equal(ChangeAction.NoOp, Planner.Plan(desired, actual, PlanningContext.Empty).Service("demo", "web").Action);
    }

    [Fact]
    public void Plan_TagChanged_ReplacesOnlyThatService()
    {
        var before = Given.Desired(Given.Stack("demo", Web, Api));
        var after = Given.Desired(Given.Stack("demo", Web with { Image = Given.WebV2 }, Api));
        var actual = Given.Deployed(before).EditContainers("demo", "web", c => c with { Spec = Web });

        var plan = Planner.Plan(after, actual, PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Replace, web.Action);
        Assert.Equal(PlanReasons.ConfigChanged, web.Reason);
        Assert.Equal([new FieldChange("image", Given.WebV2, Given.WebV1)], web.Fields);
        Assert.Equal("id-demo-web-1", Assert.Single(web.Existing).Id);
        Assert.Equal(ChangeAction.NoOp, plan.Service("demo", "api").Action);
        Assert.Equal(ChangeAction.NoOp, plan.Network("demo", "default").Action);
    }

    [Fact]
    public void Plan_TagChangedAndContainerNotInspected_ShowsImageFromContainerList()
    {
        var before = Given.Desired(Given.Stack("demo", Web));
        var after = Given.Desired(Given.Stack("demo", Web with { Image = Given.WebV2 }));

        var plan = Planner.Plan(after, Given.Deployed(before), PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Replace, web.Action);
        Assert.Equal([new FieldChange("image", Given.WebV2, Given.WebV1)], web.Fields);
    }

    [Fact]
    public void Plan_HashDiffersAndContainerNotInspected_SingleConfigHashField()
    {
        var before = Given.Desired(Given.Stack("demo", Web));
        var after = Given.Desired(Given.Stack("demo", Web.WithEnv("MODE", "fast")));

        var plan = Planner.Plan(after, Given.Deployed(before), PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Replace, web.Action);
        var field = Assert.Single(web.Fields);
        Assert.Equal("config-hash", field.Field);
        Assert.Equal(ServiceSpecHash.Of(after.Stacks["demo"].Compose.Services["web"], ConfigHashKey.Unkeyed)[..12], field.Desired);
        Assert.Equal(ServiceSpecHash.Of(Web, ConfigHashKey.Unkeyed)[..12], field.Actual);
    }

    [Fact]
    public void Plan_EnvironmentChanged_ShowsEnvironmentField()
    {
        var old = Web.WithEnv("MODE", "slow").WithEnv("KEEP", "1");
        var actual = Given.Deployed(Given.Desired(Given.Stack("demo", old))).EditContainers("demo", "web", c => c with { Spec = old });
        var desired = Given.Desired(Given.Stack("demo", Web.WithEnv("MODE", "fast").WithEnv("KEEP", "1").WithEnv("NEW", "x")));

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Replace, web.Action);
        Assert.Equal(
            [new FieldChange("environment.MODE", "fast", "slow"), new FieldChange("environment.NEW", "x", null)],
            web.Fields);
    }

    [Fact]
    public void Plan_SecretEnvironmentChanged_FieldValuesMasked()
    {
        var old = Web.WithEnv("DB_PASSWORD", "hunter2");
        var actual = Given.Deployed(Given.Desired(Given.Stack("demo", old))).EditContainers("demo", "web", c => c with { Spec = old });

        var plan = Planner.Plan(Given.Desired(Given.Stack("demo", Web.WithEnv("DB_PASSWORD", "correct horse"))), actual, PlanningContext.Empty);

        Assert.Equal(new FieldChange("environment.DB_PASSWORD", SecretMask.Masked, SecretMask.Masked), plan.Service("demo", "web").Field("environment.DB_PASSWORD"));
    }

    [Fact]
    public void Plan_ContainerRecreatedByHandWithAnotherImage_Replaces()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { ImageReference = "busybox:latest" });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Replace, web.Action);
        Assert.Equal(new FieldChange("image", Given.WebV1, "busybox:latest"), web.Field("image"));
    }

    [Fact]
    public void Plan_DependsOnChanged_DoesNotRecreate()
    {
        var before = Given.Desired(Given.Stack("demo", Web, Api));
        var after = Given.Desired(Given.Stack("demo", Web, Api.DependsOn("web", DependencyCondition.ServiceHealthy) with { PullPolicy = PullPolicy.Never }));

        var plan = Planner.Plan(after, Given.Deployed(before), PlanningContext.Empty);

        Assert.False(plan.HasChanges);
    }
}
