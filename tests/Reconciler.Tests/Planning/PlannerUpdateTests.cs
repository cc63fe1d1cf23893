using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Planning;

public class PlannerUpdateTests
{
    private static readonly ServiceSpec Web = Given.Service("web");

    [Fact]
    public void Plan_StoppedContainer_Updates()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { Running = false });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Update, web.Action);
        Assert.Equal(PlanReasons.NotRunning, web.Reason);
        Assert.Equal([new FieldChange("state", "running", "exited")], web.Fields);
    }

    [Fact]
    public void Plan_OneOfSeveralReplicasExited_NamesItsNumber()
    {
        var desired = Given.Desired(Given.Stack("demo", Web with { Replicas = 2 }));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c.Number == 2 ? c with { Running = false, ExitCode = 137 } : c);

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.Equal([new FieldChange("state[2]", "running", "exited (137)")], plan.Service("demo", "web").Fields);
    }

    [Fact]
    public void Plan_ScaleUp_UpdatesWithoutRecreating()
    {
        var before = Given.Desired(Given.Stack("demo", Web));
        var after = Given.Desired(Given.Stack("demo", Web with { Replicas = 3 }));

        var plan = Planner.Plan(after, Given.Deployed(before), PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Update, web.Action);
        Assert.Equal(PlanReasons.ScaleUp, web.Reason);
        Assert.Equal([new FieldChange("replicas", "3", "1")], web.Fields);
    }

    [Fact]
    public void Plan_ScaleDown_Updates()
    {
        var before = Given.Desired(Given.Stack("demo", Web with { Replicas = 3 }));
        var after = Given.Desired(Given.Stack("demo", Web));

        var plan = Planner.Plan(after, Given.Deployed(before), PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Update, web.Action);
        Assert.Equal(PlanReasons.ScaleDown, web.Reason);
        Assert.Equal([new FieldChange("replicas", "1", "3")], web.Fields);
        Assert.Equal([1, 2, 3], web.Existing.Select(c => c.Number));
    }

    [Fact]
    public void Plan_OneShotCompletedAndAwaited_NoOp()
    {
        var migrate = Given.Service("migrate");
        var desired = Given.Desired(Given.Stack("demo", migrate, Web.DependsOn("migrate", DependencyCondition.ServiceCompletedSuccessfully)));
        var actual = Given.Deployed(desired).EditContainers("demo", "migrate", c => c with { Running = false, ExitCode = 0 });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.False(plan.HasChanges);
        Assert.Equal(PlanReasons.Completed, plan.Service("demo", "migrate").Reason);
    }

    [Fact]
    public void Plan_CrashLoopingContainerTheEngineRestarts_NoOpWithoutStartingIt()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with
        {
            Running = false,
            ExitCode = 3,
            CrashLoop = new GitOps.Reconciler.Actual.CrashLoop(7, 3, GitOps.Reconciler.Common.ValueList<string>.Empty),
        });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.False(plan.HasChanges);
        Assert.Empty(web.Fields);
        Assert.Equal(PlanReasons.CrashLooping, web.Reason);
    }

    [Fact]
    public void Plan_OneShotFailedAndAwaited_Updates()
    {
        var migrate = Given.Service("migrate");
        var desired = Given.Desired(Given.Stack("demo", migrate, Web.DependsOn("migrate", DependencyCondition.ServiceCompletedSuccessfully)));
        var actual = Given.Deployed(desired).EditContainers("demo", "migrate", c => c with { Running = false, ExitCode = 1 });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.Equal(ChangeAction.Update, plan.Service("demo", "migrate").Action);
    }

    [Fact]
    public void Plan_ExitedZeroButNotAwaited_Updates()
    {
        var desired = Given.Desired(Given.Stack("demo", Given.Service("migrate"), Web.DependsOn("migrate")));
        var actual = Given.Deployed(desired).EditContainers("demo", "migrate", c => c with { Running = false, ExitCode = 0 });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.Equal(ChangeAction.Update, plan.Service("demo", "migrate").Action);
    }

    [Fact]
    public void Plan_ContainerRemovedByHand_Creates()
    {
        var desired = Given.Desired(Given.Stack("demo", Web, Given.Service("api")));
        var actual = Given.Deployed(desired).RemoveContainers("demo", c => c.Service == "web");

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.Equal(ChangeAction.Create, plan.Service("demo", "web").Action);
        Assert.Equal(ChangeAction.NoOp, plan.Service("demo", "api").Action);
    }

    [Fact]
    public void Plan_OrphanService_DeletedBeforeServices()
    {
        var before = Given.Desired(Given.Stack("demo", Web, Given.Service("old")));
        var after = Given.Desired(Given.Stack("demo", Web, Given.Service("new")));

        var plan = Planner.Plan(after, Given.Deployed(before), PlanningContext.Empty);

        var old = plan.Service("demo", "old");
        Assert.Equal(ChangeAction.Delete, old.Action);
        Assert.Equal(PlanReasons.ServiceRemoved, old.Reason);
        Assert.Null(old.Desired);
        Assert.Equal("id-demo-old-1", Assert.Single(old.Existing).Id);
        Assert.Equal(["network:default:noop", "container:old:delete", "container:new:create", "container:web:noop"], plan.Stack("demo").Steps());
    }

    [Fact]
    public void Plan_RolledBackHashStillDesired_HeldAsNoOp()
    {
        var bad = Web with { Image = Given.WebV2 };
        var actual = Given.Deployed(Given.Desired(Given.Stack("demo", Web)));
        var context = PlanningContext.Empty with { RolledBack = PlanningContext.Empty.RolledBack.With("demo/web", ServiceSpecHash.Of(bad, ConfigHashKey.Unkeyed)) };

        var plan = Planner.Plan(Given.Desired(Given.Stack("demo", bad)), actual, context);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.NoOp, web.Action);
        Assert.Equal(PlanReasons.RolledBack, web.Reason);
        Assert.Equal(new FieldChange("image", Given.WebV2, Given.WebV1), web.Field("image"));
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_RolledBackAndPreviousContainerStopped_StartsItKeepingTheHold()
    {
        var bad = Web with { Image = Given.WebV2 };
        var actual = Given.Deployed(Given.Desired(Given.Stack("demo", Web))).EditContainers("demo", "web", c => c with { Running = false, ExitCode = 137 });
        var context = PlanningContext.Empty with { RolledBack = PlanningContext.Empty.RolledBack.With("demo/web", ServiceSpecHash.Of(bad, ConfigHashKey.Unkeyed)) };

        var plan = Planner.Plan(Given.Desired(Given.Stack("demo", bad)), actual, context);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Update, web.Action);
        Assert.Equal(PlanReasons.HeldNotRunning, web.Reason);
        Assert.Equal(ServiceSpecHash.Of(bad, ConfigHashKey.Unkeyed), web.HeldConfigHash);
        Assert.Equal(new FieldChange("state", "running", "exited (137)"), web.Field("state"));
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void Plan_ContainerUnderTemporaryName_UpdateRenamesIt()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { Name = "demo-web-1_0123456789ab" });

        var web = Planner.Plan(desired, actual, PlanningContext.Empty).Service("demo", "web");

        Assert.Equal(ChangeAction.Update, web.Action);
        Assert.Equal(PlanReasons.TemporaryName, web.Reason);
        Assert.Equal(new FieldChange("name", "demo-web-1", "demo-web-1_0123456789ab"), web.Field("name"));
    }

    [Fact]
    public void Plan_RolledBackAndNoContainerLeft_Creates()
    {
        var bad = Web with { Image = Given.WebV2 };
        var context = PlanningContext.Empty with { RolledBack = PlanningContext.Empty.RolledBack.With("demo/web", ServiceSpecHash.Of(bad, ConfigHashKey.Unkeyed)) };

        var plan = Planner.Plan(Given.Desired(Given.Stack("demo", bad)), Given.Deployed(Given.Desired()), context);

        Assert.Equal(ChangeAction.Create, plan.Service("demo", "web").Action);
        Assert.Equal(PlanReasons.HeldMissing, plan.Service("demo", "web").Reason);
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void Plan_RolledBackHashButRepoChangedAgain_Replaces()
    {
        var bad = Web with { Image = Given.WebV2 };
        var fixedSpec = Web with { Image = "127.0.0.1:5000/demo/web:v3" };
        var actual = Given.Deployed(Given.Desired(Given.Stack("demo", Web)));
        var context = PlanningContext.Empty with { RolledBack = PlanningContext.Empty.RolledBack.With("demo/web", ServiceSpecHash.Of(bad, ConfigHashKey.Unkeyed)) };

        var plan = Planner.Plan(Given.Desired(Given.Stack("demo", fixedSpec)), actual, context);

        Assert.Equal(ChangeAction.Replace, plan.Service("demo", "web").Action);
    }

    [Fact]
    public void Plan_RolledBackInAnotherStack_NotHeld()
    {
        var bad = Web with { Image = Given.WebV2 };
        var actual = Given.Deployed(Given.Desired(Given.Stack("demo", Web)));
        var context = PlanningContext.Empty with { RolledBack = PlanningContext.Empty.RolledBack.With("other/web", ServiceSpecHash.Of(bad, ConfigHashKey.Unkeyed)) };

        var plan = Planner.Plan(Given.Desired(Given.Stack("demo", bad)), actual, context);

        Assert.Equal(ChangeAction.Replace, plan.Service("demo", "web").Action);
    }

    [Fact]
    public void Plan_StoppedContainerWithSelfHealOff_ReportedNotRestarted()
    {
        var stack = Given.Stack("demo", Web);
        var desired = Given.Desired(stack with { Policy = stack.Policy with { SelfHeal = false } });
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { Running = false, ExitCode = 143 });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.NoOp, web.Action);
        Assert.Equal(PlanReasons.SelfHealOff, web.Reason);
        Assert.Equal([new FieldChange("state", "running", "exited (143)")], web.Fields);
    }

    [Fact]
    public void Plan_SharesNetworkOfReplacedService_ReplacedAfterIt()
    {
        var sidecar = Given.Service("sidecar") with { NetworkMode = "service:web", Networks = ValueMap<NetworkAttachment>.Empty };
        var before = Given.Desired(Given.Stack("demo", Web, sidecar));
        var after = Given.Desired(Given.Stack("demo", Web with { Image = Given.WebV2 }, sidecar));

        var plan = Planner.Plan(after, Given.Deployed(before), PlanningContext.Empty);

        var change = plan.Service("demo", "sidecar");
        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal("shares the network of web, which is recreated", change.Reason);
        Assert.Equal(new FieldChange("network_mode", "service:web (recreated)", "service:web"), change.Field("network_mode"));
        Assert.Equal(["network:default:noop", "container:web:replace", "container:sidecar:replace"], plan.Stack("demo").Steps());
    }

    [Fact]
    public void Plan_SharesNetworkOfUnchangedService_NoOp()
    {
        var sidecar = Given.Service("sidecar") with { NetworkMode = "service:web", Networks = ValueMap<NetworkAttachment>.Empty };
        var desired = Given.Desired(Given.Stack("demo", Web, sidecar));

        var plan = Planner.Plan(desired, Given.Deployed(desired), PlanningContext.Empty);

        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_ScaledToZero_RemovesContainersWithoutCreating()
    {
        var before = Given.Desired(Given.Stack("demo", Web with { Replicas = 2 }));
        var after = Given.Desired(Given.Stack("demo", Web with { Replicas = 0, Image = Given.WebV2 }));

        var plan = Planner.Plan(after, Given.Deployed(before), PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Update, web.Action);
        Assert.Equal([new FieldChange("replicas", "0", "2")], web.Fields);
    }

    [Fact]
    public void Plan_ZeroReplicasNothingRunning_NoOp()
    {
        var desired = Given.Desired(Given.Stack("demo", Web with { Replicas = 0 }));

        var plan = Planner.Plan(desired, ActualState.Empty, PlanningContext.Empty);

        Assert.Equal(ChangeAction.NoOp, plan.Service("demo", "web").Action);
    }
}
